package io.gucun.dues.report;

import io.gucun.common.money.Money;
import java.util.ArrayList;
import java.util.List;

/**
 * The money flow of an org's subtree and period, as the ledger records it: union funds collected → the share each level
 * kept, what is held for firms without a union, what has not been rebated yet → returned to grassroots unions → spent on
 * members. Plain data with its SVG picture; every figure is integer fen.
 *
 * @param levelShares the upper shares, one per level (org kind) that received some, highest level first
 */
public record MoneyFlow(long orgId, String orgName, String period, long collectedFen, List<Share> levelShares, long heldFen,
                        long waitingFen, long grassrootsFen, long spentOnMembersFen) {

    /** What one level (org kind) kept. */
    public record Share(String level, long fen) {
    }

    /** Collected equals the parts it was split into: the picture shows every fen once. */
    public boolean balances() {
        return collectedFen == levelShares.stream().mapToLong(Share::fen).sum() + heldFen + waitingFen + grassrootsFen;
    }

    private static final int WIDTH = 960;
    private static final int TOP = 70;
    private static final int HEIGHT = 360;
    private static final int BAR = 150;
    private static final int[] X = {20, 260, 500, 740};

    /** The picture: four columns of bars, heights proportional to the amounts, bands from the collection to its parts. */
    public String svg() {
        long scale = Math.max(1, Math.max(collectedFen, spentOnMembersFen));
        List<Share> parts = new ArrayList<>(levelShares.stream().map(s -> new Share("share:" + s.level(), s.fen())).toList());
        parts.add(new Share("held", heldFen));
        parts.add(new Share("waiting", waitingFen));
        parts.add(new Share("grassroots", grassrootsFen));
        StringBuilder out = new StringBuilder();
        int height = TOP + HEIGHT + 40 + 18 * parts.size();
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"").append(height)
                .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" role=\"img\" font-family=\"sans-serif\">\n");
        out.append("<title>").append(escape("Money flow of " + orgName + (period == null ? ", all time" : ", " + period)))
                .append("</title>\n");
        text(out, X[0], 24, 16, "Money flow · " + orgName + " (" + orgId + ") · " + (period == null ? "all time" : period) + " · CNY");
        String[] heads = {"Collected (union funds)", "Each level's share", "Returned to grassroots", "Spent on members"};
        for (int i = 0; i < heads.length; i++) {
            text(out, X[i], 52, 13, heads[i]);
        }
        int collectedH = px(collectedFen, scale);
        bar(out, "collected", X[0], TOP, collectedH, collectedFen, "#4e79a7");
        int y = TOP;
        int from = TOP;
        String[] colours = {"#f28e2b", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7"};
        int legend = TOP + HEIGHT + 30;
        for (int i = 0; i < parts.size(); i++) {
            Share p = parts.get(i);
            int h = px(p.fen(), scale);
            String colour = p.level().equals("grassroots") ? "#59a14f" : p.level().equals("held") ? "#9c755f"
                    : p.level().equals("waiting") ? "#bab0ac" : colours[i % colours.length];
            if (h > 0) {
                out.append("<path d=\"M").append(X[0] + BAR).append(',').append(from).append(" C").append(X[1] - 40).append(',')
                        .append(from).append(' ').append(X[0] + BAR + 40).append(',').append(y).append(' ').append(X[1]).append(',')
                        .append(y).append(" L").append(X[1]).append(',').append(y + h).append(" C").append(X[0] + BAR + 40).append(',')
                        .append(y + h).append(' ').append(X[1] - 40).append(',').append(from + h).append(' ').append(X[0] + BAR)
                        .append(',').append(from + h).append(" Z\" fill=\"").append(colour).append("\" opacity=\"0.35\"/>\n");
            }
            bar(out, p.level(), X[1], y, h, p.fen(), colour);
            text(out, X[1], legend + 18 * i, 12, label(p.level()) + ": " + Money.format(p.fen()));
            from += h;
            y += h;
        }
        bar(out, "returned", X[2], TOP, px(grassrootsFen, scale), grassrootsFen, "#59a14f");
        bar(out, "spent", X[3], TOP, px(spentOnMembersFen, scale), spentOnMembersFen, "#af7aa1");
        text(out, X[0], legend, 12, "collected: " + Money.format(collectedFen));
        text(out, X[2], legend, 12, "returned to grassroots: " + Money.format(grassrootsFen));
        text(out, X[3], legend, 12, "spent on members: " + Money.format(spentOnMembersFen));
        return out.append("</svg>\n").toString();
    }

    private static String label(String node) {
        return switch (node) {
            case "held" -> "held for firms without a union";
            case "waiting" -> "not yet rebated";
            case "grassroots" -> "returned to grassroots";
            default -> "kept by " + node.substring("share:".length()).toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static int px(long fen, long scale) {
        return fen <= 0 ? 0 : (int) Math.max(1, Math.round((double) fen * HEIGHT / scale));
    }

    /** A bar with its amount: data-node and data-fen let a reader (and the test) take the figures back out. */
    private static void bar(StringBuilder out, String node, int x, int y, int h, long fen, String colour) {
        out.append("<rect data-node=\"").append(escape(node)).append("\" data-fen=\"").append(fen).append("\" x=\"").append(x)
                .append("\" y=\"").append(y).append("\" width=\"").append(BAR).append("\" height=\"").append(h).append("\" fill=\"")
                .append(colour).append("\"><title>").append(escape(node + ": " + Money.format(fen) + " CNY")).append("</title></rect>\n");
    }

    private static void text(StringBuilder out, int x, int y, int size, String s) {
        out.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size).append("\">")
                .append(escape(s)).append("</text>\n");
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
