package io.gucun.outreach.coverage;

import java.math.BigDecimal;
import java.util.List;

/**
 * The coverage figures as SVG pictures, drawn from the same records the JSON API returns (so a picture never shows a
 * number the API withholds). Each shape carries its figures as {@code data-*} attributes besides its visible label.
 */
public final class CoveragePictures {

    private static final int CELL = 120;
    private static final int COLUMNS = 5;
    private static final int BAR_WIDTH = 480;

    private CoveragePictures() {
    }

    /**
     * Heat grid: one square per grid, coloured from red (no insured worker is a member) to green (all are); a grid
     * whose counts are withheld is grey and labelled "—".
     */
    public static String heatGrid(String title, List<CoverageDtos.Grid> grids) {
        int rows = Math.max(1, (grids.size() + COLUMNS - 1) / COLUMNS);
        int width = COLUMNS * CELL;
        int height = rows * CELL + 40;
        StringBuilder svg = open(width, height, title);
        for (int i = 0; i < grids.size(); i++) {
            CoverageDtos.Grid g = grids.get(i);
            int x = i % COLUMNS * CELL;
            int y = 40 + i / COLUMNS * CELL;
            String code = g.gridCode() == null ? "(no grid)" : g.gridCode();
            String share = g.insuredCoverage() == null ? "—" : percent(g.insuredCoverage());
            svg.append("<g class=\"grid\" data-grid=\"").append(escape(code)).append("\" data-insured=\"")
                    .append(orDash(g.insuredWorkers())).append("\" data-insured-members=\"").append(orDash(g.insuredMembers()))
                    .append("\" data-coverage=\"").append(g.insuredCoverage() == null ? "—" : g.insuredCoverage().toPlainString())
                    .append("\">")
                    .append("<rect x=\"").append(x + 2).append("\" y=\"").append(y + 2).append("\" width=\"").append(CELL - 4)
                    .append("\" height=\"").append(CELL - 4).append("\" fill=\"").append(heat(g.insuredCoverage())).append("\"/>")
                    .append(text(x + CELL / 2, y + 40, 13, escape(code)))
                    .append(text(x + CELL / 2, y + 70, 22, share))
                    .append(text(x + CELL / 2, y + 95, 11, orDash(g.insuredMembers()) + " / " + orDash(g.insuredWorkers())))
                    .append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    /** Funnel: insured workers → members among them → still members, bars proportional to the first stage. */
    public static String funnel(String title, CoverageDtos.Funnel f) {
        String[][] stages = {{"insured", "insured workers", orDash(f.insuredWorkers())},
                {"members", "members", orDash(f.members())}, {"active", "active members", orDash(f.active())}};
        Long[] values = {f.insuredWorkers(), f.members(), f.active()};
        long top = f.insuredWorkers() == null ? 0 : f.insuredWorkers();
        StringBuilder svg = open(BAR_WIDTH + 40, 40 + stages.length * 60, title);
        for (int i = 0; i < stages.length; i++) {
            long v = values[i] == null ? 0 : values[i];
            int w = top == 0 ? 0 : (int) Math.round((double) BAR_WIDTH * Math.min(v, top) / top);
            int y = 40 + i * 60;
            svg.append("<g class=\"stage\" data-stage=\"").append(stages[i][0]).append("\" data-value=\"").append(stages[i][2])
                    .append("\"><rect x=\"").append(20 + (BAR_WIDTH - w) / 2).append("\" y=\"").append(y).append("\" width=\"")
                    .append(w).append("\" height=\"44\" fill=\"").append(values[i] == null ? "#bbbbbb" : "#3b7dd8").append("\"/>")
                    .append(text(20 + BAR_WIDTH / 2, y + 28, 14, stages[i][1] + ": " + stages[i][2])).append("</g>");
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height).append("\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append(text(width / 2, 24, 16, escape(title)));
    }

    private static String text(int x, int y, int size, String content) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"" + size
                + "\" text-anchor=\"middle\" font-family=\"sans-serif\">" + content + "</text>";
    }

    /** Red at 0 %, yellow at 50 %, green at 100 %; grey when withheld. */
    static String heat(BigDecimal share) {
        if (share == null) {
            return "#bbbbbb";
        }
        double s = Math.max(0, Math.min(1, share.doubleValue()));
        int red = (int) Math.round(s < 0.5 ? 220 : 220 * (1 - s) * 2);
        int green = (int) Math.round(s < 0.5 ? 200 * s * 2 : 200);
        return String.format("#%02x%02x40", red, green);
    }

    static String percent(BigDecimal share) {
        return share.movePointRight(2).stripTrailingZeros().toPlainString() + " %";
    }

    private static String orDash(Long value) {
        return value == null ? "—" : value.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
