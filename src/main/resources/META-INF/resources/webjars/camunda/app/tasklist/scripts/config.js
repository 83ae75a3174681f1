/*
 * Orderflow's configuration of Camunda's Tasklist (served from our jar in place of Camunda's default, see
 * docs/decisions/engine-future.md): one custom script, which hides the Community Edition's end-of-life banner,
 * and Tasklist's keyboard shortcuts, which Camunda's default configuration defines and ours keeps.
 */
export default {
  customScripts: ['../orderflow/staff-pages'],
  shortcuts: {
    claimTask: {key: 'ctrl+alt+c', description: 'claims the currently selected task'},
    focusFilter: {key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list'},
    focusList: {key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list'},
    focusForm: {key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form'},
    startProcess: {key: 'ctrl+alt+p', description: 'opens the start process modal dialog'}
  }
};
