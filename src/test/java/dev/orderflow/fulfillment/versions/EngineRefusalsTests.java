package dev.orderflow.fulfillment.versions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EngineRefusalsTests {

    private static final String PROCESS = "0c6d2a4e-9c1b-11ef-8f3a-0242ac120002";
    private static final String ACTIVITY = "Task_CreateLabel:5e1f7a20-9c1b-11ef-8f3a-0242ac120002";
    private static final String TRANSITION = "77aa0b31-9c1b-11ef-8f3a-0242ac120002";

    @Test
    void theGistOfARefusalNamesWhatCouldNotMoveAndWhyWithoutTheEnginesCodesOrInstanceIds() {
        // given: the engine's message for an order it refused to move, in the form Camunda writes it
        String message = "ENGINE-23004 Cannot migrate process instance '" + PROCESS + "':\n"
                + "\tCannot migrate activity instance '" + ACTIVITY + "':\n"
                + "\t\tThere is no migration instruction for this instance's activity\n"
                + "\tCannot migrate transition instance '" + TRANSITION + "':\n"
                + "\t\tThere is no migration instruction for this instance's activity\n";

        // when
        String gist = EngineRefusals.gist(message);

        // then
        assertThat(gist).isEqualTo("at Task_CreateLabel: There is no migration instruction for this instance's"
                + " activity; at an asynchronous step: There is no migration instruction for this instance's activity");
        assertThat(gist).doesNotContain(PROCESS, "5e1f7a20", TRANSITION, "ENGINE-");
    }

    @Test
    void anyOtherMessageLosesItsInstanceIdsAndAnEmptyOneSaysSo() {
        assertThat(EngineRefusals.gist("ENGINE-03005 Execution '" + PROCESS + "' was updated by another transaction"))
                .isEqualTo("Execution was updated by another transaction");
        assertThat(EngineRefusals.gist(null)).isEqualTo("no reason given");
        assertThat(EngineRefusals.gist("  ")).isEqualTo("no reason given");
    }
}
