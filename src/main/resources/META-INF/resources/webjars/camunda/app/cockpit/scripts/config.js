/*
 * Orderflow's configuration of Camunda's Cockpit (served from our jar in place of Camunda's empty default, see
 * docs/decisions/engine-future.md): one custom script, which hides the Community Edition's end-of-life banner.
 */
export default {
  customScripts: ['../orderflow/staff-pages']
};
