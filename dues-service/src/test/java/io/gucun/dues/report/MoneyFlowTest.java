package io.gucun.dues.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MoneyFlowTest {

    static final MoneyFlow FLOW = new MoneyFlow(11, "顾村镇总工会 <&>", "2026-10", 1_000_000,
            List.of(new MoneyFlow.Share("DISTRICT", 50_000), new MoneyFlow.Share("TOWN", 150_000)), 100_000, 0, 700_000, 900_000);

    @Test
    void everyFenCollectedIsShownOnceAmongItsParts() {
        assertThat(FLOW.balances()).isTrue();
        assertThat(new MoneyFlow(1, "x", null, 10, List.of(), 0, 0, 9, 0).balances()).isFalse();
    }

    @Test
    void thePictureCarriesEachAmountAndEscapesNames() {
        String svg = MoneyFlowApiTest.svgFigures(FLOW.svg()).toString();
        assertThat(svg).contains("collected=1000000", "share:DISTRICT=50000", "share:TOWN=150000", "held=100000", "waiting=0",
                "grassroots=700000", "returned=700000", "spent=900000");
        assertThat(FLOW.svg()).contains("顾村镇总工会 &lt;&amp;&gt;").doesNotContain("<&>").startsWith("<svg ");
    }
}
