package io.vexfs.bench.io;

import java.util.ArrayList;
import java.util.List;

/** Throughputs (units per second) of the measured runs of one workload on one target. */
final class Samples {
    private final List<Double> perSecond = new ArrayList<>();

    void add(double unitsPerSecond) {
        perSecond.add(unitsPerSecond);
    }

    boolean isEmpty() {
        return perSecond.isEmpty();
    }

    double median() {
        List<Double> s = sorted();
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return sorted().getFirst();
    }

    double max() {
        return sorted().getLast();
    }

    private List<Double> sorted() {
        if (perSecond.isEmpty()) {
            throw new IllegalStateException("no measured runs");
        }
        List<Double> s = new ArrayList<>(perSecond);
        s.sort(null);
        return s;
    }
}
