package dev.orderflow.fulfillment.engine;

import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.impl.AbstractQuery;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.camunda.bpm.engine.impl.persistence.entity.FilterEntity;
import org.camunda.bpm.engine.impl.persistence.entity.FilterManager;

/**
 * Stored queries (Tasklist filters) without expressions: a filter whose query carries one is not saved, and a
 * filter read to be executed gets a validator that refuses its query, extended by the caller's query or not,
 * when the result carries one anywhere (a filter stored before this check existed included). Filters are
 * executed inside the engine's commands, where no interceptor sees the query.
 */
class ExpressionFreeFilterManager extends FilterManager {

    /** Puts this manager in the place of Camunda's for every command. */
    static final SessionFactory FACTORY = new SessionFactory() {
        @Override
        public Class<?> getSessionType() {
            return FilterManager.class;
        }

        @Override
        public Session openSession() {
            return new ExpressionFreeFilterManager();
        }
    };

    @Override
    public Filter insertOrUpdateFilter(Filter filter) {
        QueryExpressions.refuseIfPresent(filter.getQuery());
        return super.insertOrUpdateFilter(filter);
    }

    @Override
    public FilterEntity findFilterById(String filterId) {
        FilterEntity filter = super.findFilterById(filterId);
        if (filter != null && filter.getQuery() instanceof AbstractQuery<?, ?> query) {
            // TaskQueryImpl.extend copies the stored query's validators into the extended query
            query.addValidator(QueryExpressions.VALIDATOR);
        }
        return filter;
    }
}
