package io.keygate.bitlocker.release;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.keygate.bitlocker.audit.AuditLog;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.ReleaseTally;
import io.keygate.bitlocker.model.ReleaseTally.Person;
import io.keygate.bitlocker.model.ReleaseTally.TicketIdentity;

/**
 * What the limits of a batch of releases count ({@link ReleaseBatches}): read from the audit log once for the whole
 * batch, under the chain's lock, in one statement; then kept up to date by the batch itself, each release it grants
 * counted toward its person and its ticket before the next is decided. So the batch decides as the releases would one
 * after the other, without a count of its own for each. Anything not read for the batch is asked of the log, which sees
 * the batch's writes so far.
 */
final class BatchCounts implements ReleaseLimits.Counts {

    /**
     * What one release of a batch will count: its person's releases (under campaigns or apart from them) up to
     * {@code releasesAtMost}, and — apart from campaigns, with a ticket — that ticket's devices up to
     * {@code devicesAtMost}, its own device first.
     */
    record Demand(String userId, boolean underCampaign, int releasesAtMost, TicketIdentity ticket, String deviceId,
            int devicesAtMost) {

        Person person() {
            return new Person(userId, underCampaign);
        }
    }

    private final ReleaseTally read;
    private final Set<TicketIdentity> ticketsRead;
    private final ReleaseLimits.Counts log;
    private final Map<Person, Long> granted = new HashMap<>();
    private final List<Demand> grantedUnderTickets = new ArrayList<>();

    BatchCounts(ReleaseTally read, Set<TicketIdentity> ticketsRead, ReleaseLimits.Counts log) {
        this.read = read;
        this.ticketsRead = ticketsRead;
        this.log = log;
    }

    /** The batch's counts as the realm's log has them now; {@code now} is the batch's start. */
    static BatchCounts read(AuditLog audit, List<Demand> demands, long now) {
        Map<Person, Integer> people = new LinkedHashMap<>();
        Map<TicketIdentity, Set<String>> firsts = new LinkedHashMap<>();
        Map<TicketIdentity, Integer> bounds = new HashMap<>();
        for (Demand d : demands) {
            people.merge(d.person(), d.releasesAtMost(), Math::max);
            if (d.ticket() != null) {
                firsts.computeIfAbsent(d.ticket(), t -> new LinkedHashSet<>()).add(d.deviceId());
                bounds.merge(d.ticket(), d.devicesAtMost(), Math::max);
            }
        }
        // Enough of each ticket's devices to tell its limit reached, with every one the batch asks about first.
        List<ReleaseTally.TicketAsk> tickets = firsts.entrySet().stream().map(e -> new ReleaseTally.TicketAsk(e.getKey(),
                e.getValue(), bounds.get(e.getKey()) + e.getValue().size())).toList();
        ReleaseTally tally = audit.tally(now - ReleaseLimits.HOUR_MILLIS, people.entrySet().stream()
                .map(e -> new ReleaseTally.PersonAsk(e.getKey(), e.getValue())).toList(), tickets);
        return new BatchCounts(tally, firsts.keySet(), ReleaseLimits.logCounts(audit));
    }

    /** A release of the batch was granted: it counts toward those decided after it. */
    void granted(Demand demand) {
        granted.merge(demand.person(), 1L, Long::sum);
        if (demand.ticket() != null) {
            grantedUnderTickets.add(demand);
        }
    }

    @Override
    public long actionsBy(String userId, AuditAction action, long since, int atMost) {
        return log.actionsBy(userId, action, since, atMost);
    }

    @Override
    public long releasesBy(String userId, boolean underCampaign, long since, int atMost) {
        Person person = new Person(userId, underCampaign);
        Long counted = read.releases().get(person);
        if (counted == null) {
            return log.releasesBy(userId, underCampaign, since, atMost);
        }
        return counted + granted.getOrDefault(person, 0L);
    }

    @Override
    public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey, String deviceFirst,
            int atMost) {
        TicketIdentity ticket = new TicketIdentity(ticketSystem, ticketId, ticketKey);
        if (!ticketsRead.contains(ticket)) {
            return log.devicesReleasedUnder(ticketSystem, ticketId, ticketKey, deviceFirst, atMost);
        }
        Set<String> devices = new LinkedHashSet<>(read.devices().getOrDefault(ticket, List.of()));
        for (Demand d : grantedUnderTickets) {
            if (sameTicket(ticket, d.ticket())) {
                devices.add(d.deviceId());
            }
        }
        List<String> listed = new ArrayList<>(devices.size());
        if (devices.remove(deviceFirst)) {
            listed.add(deviceFirst);
        }
        listed.addAll(devices);
        return listed.size() > atMost ? listed.subList(0, atMost) : listed;
    }

    /**
     * Whether a release recorded under {@code recorded} counts toward {@code asked}, as the log matches them: on the
     * canonical identity, or — for a release recorded without one — on the key.
     */
    static boolean sameTicket(TicketIdentity asked, TicketIdentity recorded) {
        if (!Objects.equals(asked.system(), recorded.system())) {
            return false;
        }
        if (recorded.id() == null) {
            return Objects.equals(asked.key(), recorded.key());
        }
        return asked.id() != null && asked.id().equals(recorded.id());
    }
}
