/*
 * Orderflow's custom script for Camunda's webapps (Tasklist, Cockpit, Admin, Welcome), loaded through the
 * `customScripts` entry of each app's scripts/config.js: Camunda's documented way to extend its webapps.
 *
 * It hides Camunda 7 Community Edition's end-of-life banner ("It is time to migrate to Camunda 8"): the shop's
 * staff cannot act on it, and it tells them their tool is obsolete. Operators learn the engine's support status
 * from the README and docs/decisions/engine-future.md instead. The banner stays in the page, hidden by one style
 * rule, so nothing of Camunda's own files changes.
 *
 * In Tasklist it also shows each task card's variables in full (shop reference, customer, total, why): Tasklist
 * folds a card after its first line of variables and cuts each value to one line, and staff pick the right task
 * by all four.
 *
 * The <html> element carries data-orderflow-customised="true" once this script ran: the browser tests check it,
 * so they tell "hidden by us" from "Camunda stopped showing it".
 */
const STYLE_ID = 'orderflow-staff-pages';

if (!document.getElementById(STYLE_ID)) {
  const style = document.createElement('style');
  style.id = STYLE_ID;
  style.textContent = [
    '[cam-widget-header] .ce-eol-banner, .ce-eol-banner { display: none !important; }',
    '.task-card-details { max-height: none !important; padding-bottom: 4px; }',
    '.task-card-details .shutter { display: none !important; }',
    // a card's values wrap instead of ending in "…": the reason a task exists is what tells two reviews apart
    '[cam-tasklist-variables] div.row span > span { white-space: normal !important; max-height: none !important;'
        + ' overflow-wrap: anywhere; }'
  ].join('\n');
  document.head.appendChild(style);
  document.documentElement.setAttribute('data-orderflow-customised', 'true');
}

// no Camunda plugins: this module only adds the style above
export default [];
