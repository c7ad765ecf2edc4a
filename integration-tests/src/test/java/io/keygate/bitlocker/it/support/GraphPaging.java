package io.keygate.bitlocker.it.support;

/** What Microsoft Graph's paging allows a full metadata sync: one request per page of each listing. */
public final class GraphPaging {

    private GraphPaging() {
    }

    /**
     * Managed devices (100 a page), their encryption states (100), recovery keys (100; Graph allows no
     * {@code $top} there) and devices (999): the fewest requests a full run can make.
     */
    public static long minimumRequests(int devices, int keys) {
        return pages(devices, 100) + pages(devices, 100) + pages(keys, 100) + pages(devices, 999);
    }

    private static long pages(int items, int pageSize) {
        return Math.max(1, (items + pageSize - 1) / pageSize);
    }
}
