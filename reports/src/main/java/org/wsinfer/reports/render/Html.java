package org.wsinfer.reports.render;

import org.jsoup.nodes.Entities;

/** A tiny HTML builder that escapes all text it is given. */
final class Html {

    private final StringBuilder sb = new StringBuilder(64 * 1024);

    /** Escapes text for element content and attribute values. */
    static String esc(String s) {
        return s == null ? "" : Entities.escape(s);
    }

    /** Appends raw markup. */
    Html raw(String markup) {
        sb.append(markup);
        return this;
    }

    /** Appends escaped text. */
    Html text(String s) {
        sb.append(esc(s));
        return this;
    }

    /** Appends {@code <tag>escaped text</tag>}. */
    Html el(String tag, String text) {
        sb.append('<').append(tag).append('>').append(esc(text)).append("</").append(tag).append('>');
        return this;
    }

    /** Appends {@code <tag class="cls">escaped text</tag>}. */
    Html el(String tag, String cls, String text) {
        sb.append('<').append(tag).append(" class=\"").append(esc(cls)).append("\">").append(esc(text))
                .append("</").append(tag).append('>');
        return this;
    }

    /** Starts a table with the given header cells. */
    Html table(String cls, String... headers) {
        sb.append("<table class=\"").append(esc(cls)).append("\"><thead><tr>");
        for (String h : headers) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead><tbody>\n");
        return this;
    }

    /** Appends a row of escaped cells. */
    Html row(String... cells) {
        sb.append("<tr>");
        for (String c : cells) {
            sb.append("<td>").append(esc(c)).append("</td>");
        }
        sb.append("</tr>\n");
        return this;
    }

    /** Ends a table. */
    Html endTable() {
        sb.append("</tbody></table>\n");
        return this;
    }

    /** Appends a figure with an image and caption. */
    Html figure(Plot p) {
        sb.append("<figure><img src=\"").append(esc(p.file())).append("\" alt=\"").append(esc(p.title()))
                .append("\"><figcaption>").append(esc(p.title())).append("</figcaption></figure>\n");
        return this;
    }

    @Override
    public String toString() {
        return sb.toString();
    }
}
