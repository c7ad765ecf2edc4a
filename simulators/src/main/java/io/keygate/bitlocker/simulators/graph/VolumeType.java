package io.keygate.bitlocker.simulators.graph;

/** Graph's {@code volumeType} of a BitLocker recovery key: sent as {@code "1"} or as its name. */
public enum VolumeType {
    OPERATING_SYSTEM_VOLUME(1, "operatingSystemVolume"),
    FIXED_DATA_VOLUME(2, "fixedDataVolume"),
    REMOVABLE_DATA_VOLUME(3, "removableDataVolume");

    private final int number;
    private final String graphName;

    VolumeType(int number, String graphName) {
        this.number = number;
        this.graphName = graphName;
    }

    public int number() {
        return number;
    }

    public String graphName() {
        return graphName;
    }

    static VolumeType ofNumber(int number) {
        return values()[number - 1];
    }
}
