package io.keygate.bitlocker.it.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The benchmark's one table: every request next to {@code userinfo} with the same token at the same
 * concurrency, the ratio of their medians against the target; then the figures that are not
 * ratios (verification, export, sync, check-ins). Printed, and written as Markdown.
 */
public final class Report {

    private final List<String> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> growth = new ArrayList<>();
    private final List<String> profiles = new ArrayList<>();
    private int missed;
    private boolean muted;

    boolean muted() {
        return muted;
    }

    /** Runs {@code pass} without recording anything it reports (a warm-up). */
    void mute(Runnable pass) {
        List<String> keptRows = new ArrayList<>(rows);
        List<String> keptNotes = new ArrayList<>(notes);
        List<String> keptGrowth = new ArrayList<>(growth);
        List<String> keptProfiles = new ArrayList<>(profiles);
        int keptMissed = missed;
        muted = true;
        try {
            pass.run();
        } finally {
            muted = false;
            rows.clear();
            rows.addAll(keptRows);
            notes.clear();
            notes.addAll(keptNotes);
            growth.clear();
            growth.addAll(keptGrowth);
            profiles.clear();
            profiles.addAll(keptProfiles);
            missed = keptMissed;
        }
    }

    public void header(String title) {
        rows.add("");
        rows.add("### " + title);
        rows.add("");
        rows.add("| request | clients | median ms | p99 ms | userinfo median ms | userinfo p99 ms | ratio (median) | target | |");
        rows.add("|---|---:|---:|---:|---:|---:|---:|---:|---|");
    }

    /** A request compared with userinfo; {@code target} ≤ 0 means no target. */
    public void row(String request, Load.Figures figures, Load.Figures userinfo, double target) {
        double ratio = figures.median() / userinfo.median();
        boolean met = target <= 0 || ratio <= target;
        missed += met ? 0 : 1;
        rows.add(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %.2f | %.2f | %.2f× | %s | %s |", request,
                figures.clients(), figures.median(), figures.p99(), userinfo.median(), userinfo.p99(), ratio,
                target <= 0 ? "" : String.format(Locale.ROOT, "≤ %.1f×", target), met ? "" : "**missed**"));
    }

    /**
     * A row's growth from the smaller fleet to the full one. The target is on the ratio to userinfo, which was measured
     * beside it each time: the medians alone also carry whatever else the machine did between the two.
     */
    public void growth(String request, int clients, double smallMedian, double median, double smallRatio, double ratio,
            double target) {
        boolean met = ratio / smallRatio <= target;
        missed += met ? 0 : 1;
        growth.add(String.format(Locale.ROOT, "| %s | %d | %.2f → %.2f ms | %.2f× | %.2f× → %.2f× | %.2f× | ≤ %.1f× | %s |",
                request, clients, smallMedian, median, median / smallMedian, smallRatio, ratio, ratio / smallRatio, target,
                met ? "" : "**missed**"));
    }

    /** Where a missed row's time went: its profile's summary. */
    public void profile(String summary) {
        profiles.add("- " + summary);
    }

    /** A line of its own: a duration, a size, a rate. */
    public void note(String format, Object... args) {
        notes.add("- " + String.format(Locale.ROOT, format, args));
    }

    /** A figure with a target, e.g. seconds ≤ 15 or requests per second ≥ 1,000. */
    public void target(boolean met, String format, Object... args) {
        missed += met ? 0 : 1;
        notes.add("- " + String.format(Locale.ROOT, format, args) + (met ? " — met" : " — **missed**"));
    }

    public int missed() {
        return missed;
    }

    String markdown(String machine) {
        StringBuilder out = new StringBuilder("## Benchmark run\n\n").append(machine).append('\n');
        rows.forEach(r -> out.append(r).append('\n'));
        if (!growth.isEmpty()) {
            out.append("\n### Growth from the smaller fleet to the full one\n\n")
                    .append("| request | clients | median | growth | ratio to userinfo | ratio growth | target | |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---|\n");
            growth.forEach(g -> out.append(g).append('\n'));
        }
        if (!profiles.isEmpty()) {
            out.append("\n### Profiles of the rows that missed (JFR, the server's request threads, run again while"
                    + " recording)\n\n");
            profiles.forEach(p -> out.append(p).append('\n'));
        }
        out.append("\n### Beyond the request table\n\n");
        notes.forEach(n -> out.append(n).append('\n'));
        out.append("\nTargets missed: ").append(missed).append('\n');
        return out.toString();
    }

    public void print(String machine, Path file) {
        String text = markdown(machine);
        System.out.println("\n==== BitLocker Key Gate benchmark ====\n" + text);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
