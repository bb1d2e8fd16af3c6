package io.gucun.outreach.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class CoveragePicturesTest {

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    private static CoverageDtos.Grid grid(String code, Long insured, Long insuredMembers, BigDecimal share) {
        return new CoverageDtos.Grid(code, 3, 1, insured, 0L, null, insured == null, 1, insuredMembers,
                insured == null ? null : insured - insuredMembers, share);
    }

    @Test
    void theHeatGridHasOneCellPerGridWithItsNumbersAndWithheldCellsShowNone() throws Exception {
        String svg = CoveragePictures.heatGrid("Coverage <town>", List.of(
                grid("GC-1", 30L, 12L, new BigDecimal("0.40")), grid(null, null, null, null)));
        Document doc = parse(svg);
        assertThat(doc.getElementsByTagName("g").getLength()).isEqualTo(2);
        assertThat(svg).contains("data-grid=\"GC-1\"").contains("data-coverage=\"0.40\"").contains(">40 %<").contains("12 / 30")
                .contains("data-grid=\"(no grid)\"").contains("data-insured=\"—\"").contains("Coverage &lt;town&gt;");
    }

    @Test
    void heatRunsFromRedThroughYellowToGreen() {
        assertThat(CoveragePictures.heat(BigDecimal.ZERO)).isEqualTo("#dc0040");
        assertThat(CoveragePictures.heat(new BigDecimal("0.5"))).isEqualTo("#dcc840");
        assertThat(CoveragePictures.heat(BigDecimal.ONE)).isEqualTo("#00c840");
        assertThat(CoveragePictures.heat(null)).isEqualTo("#bbbbbb");
        assertThat(CoveragePictures.percent(new BigDecimal("0.05"))).isEqualTo("5 %");
    }

    @Test
    void theFunnelDrawsEachStageAgainstTheInsured() throws Exception {
        String svg = CoveragePictures.funnel("Funnel", new CoverageDtos.Funnel(5, "1.2.5", 200L, 50L, null, 10));
        assertThat(parse(svg).getElementsByTagName("rect").getLength()).isEqualTo(3);
        assertThat(svg).contains("data-stage=\"insured\" data-value=\"200\"").contains("width=\"480\"")
                .contains("data-stage=\"members\" data-value=\"50\"").contains("width=\"120\"")
                .contains("data-stage=\"active\" data-value=\"—\"").contains("width=\"0\"");
    }
}
