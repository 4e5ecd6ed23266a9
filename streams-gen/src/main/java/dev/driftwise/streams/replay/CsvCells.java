package dev.driftwise.streams.replay;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells (RFC 4180: comma separated, a cell in double quotes may hold commas
 * and doubled quotes). Quoted line breaks are not supported: numeric data has none.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** The cells of {@code line}, or null with {@code error[0]} set when a quote is left open. */
    static List<String> split(String line, String[] error) {
        if (line.indexOf('"') < 0) { // no quotes (numeric data): the cells are the text between commas
            List<String> cells = new ArrayList<>();
            int from = 0;
            for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', from)) {
                cells.add(line.substring(from, comma));
                from = comma + 1;
            }
            cells.add(line.substring(from));
            return cells;
        }
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(cell.toString());
                cell.setLength(0);
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            error[0] = "a double quote opened in cell " + (cells.size() + 1) + " is never closed";
            return null;
        }
        cells.add(cell.toString());
        return cells;
    }
}
