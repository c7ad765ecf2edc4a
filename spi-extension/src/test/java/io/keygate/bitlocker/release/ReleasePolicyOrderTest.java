package io.keygate.bitlocker.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

import io.keygate.bitlocker.authz.BitLockerRole;
import io.keygate.bitlocker.authz.Requester;
import io.keygate.bitlocker.config.BitLockerConfig;
import io.keygate.bitlocker.justification.TicketCheck;
import io.keygate.bitlocker.model.AuditAction;
import io.keygate.bitlocker.model.DeviceModel;
import io.keygate.bitlocker.model.DeviceTarget;
import io.keygate.bitlocker.model.EscrowStatus;
import io.keygate.bitlocker.model.ReleaseRequest;
import io.keygate.bitlocker.model.ReleaseRequestStatus;
import io.keygate.bitlocker.model.TestDevices;
import io.keygate.bitlocker.model.VolumeType;
import io.keygate.bitlocker.problem.Problem;
import io.keygate.bitlocker.problem.ProblemCode;
import io.keygate.bitlocker.problem.ProblemException;
import io.keygate.bitlocker.ticketing.Ticket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §3 runs its checks in a fixed order: a request that fails two steps gets the earlier step's
 * code. Each step below can be made to fail on its own; every pair is tried.
 */
class ReleasePolicyOrderTest {

    private static final String DEVICE_ID = "3f2a8c1e-5b7d-4e9a-8c2f-1a6b9d0e4c71";
    private static final String KEY_ID = "0b7c4c1a-98f4-4f43-9d5e-0d3f7b1c2a11";
    private static final String REQUEST_ID = "5d0e9a7b-2c4f-4e81-9b3a-6f1d2c8e4a90";

    /** The steps of SPEC §3 that the policy runs, each with the code it answers when it refuses. */
    enum Step {
        ROLE(ProblemCode.FORBIDDEN),
        STEP_UP(ProblemCode.INSUFFICIENT_USER_AUTHENTICATION),
        INPUT(ProblemCode.INVALID_REQUEST),
        DEVICE(ProblemCode.DEVICE_NOT_FOUND),
        TICKET(ProblemCode.TICKET_REQUIRED),
        APPROVAL(ProblemCode.APPROVAL_REQUIRED),
        RATE(ProblemCode.RATE_LIMITED);

        final ProblemCode code;

        Step(ProblemCode code) {
            this.code = code;
        }
    }

    /** A helpdesk request that passes every step except the ones named. */
    private static final class Scenario {
        final Set<Step> failing;
        final AtomicBoolean bodyRead = new AtomicBoolean();
        final AtomicInteger deviceLookups = new AtomicInteger();
        Function<String, DeviceModel> devices;

        Scenario(Set<Step> failing) {
            this.failing = failing;
        }

        ReleasePolicy policy() {
            BitLockerConfig config = new BitLockerConfig();
            config.approval.requiredFor = List.of(ApprovalCheck.HELPDESK);
            ReleaseRequest approved = new ReleaseRequest(REQUEST_ID, "realm", DEVICE_ID, "PC-1", KEY_ID, "helpdesk-user",
                    "hannah", ApprovalCheck.HELPDESK, new ReleaseRequest.TicketRef("jira", "ITSM-1", "10001", null, "Open",
                    "Incident"), "user locked out", false, ReleaseRequestStatus.APPROVED, 0L, Long.MAX_VALUE, "approver",
                    "april", 1L, null);
            Requester requester = new Requester() {
                @Override
                public String userId() {
                    return "helpdesk-user";
                }

                @Override
                public boolean has(BitLockerRole role) {
                    return role == BitLockerRole.HELPDESK && !failing.contains(Step.ROLE);
                }
            };
            ReleasePolicy.StepUp stepUp = waived -> {
                if (failing.contains(Step.STEP_UP)) {
                    throw Problem.of(ProblemCode.INSUFFICIENT_USER_AUTHENTICATION, "level 2 needed").exception();
                }
            };
            DeviceModel device = TestDevices.device(DEVICE_ID, "PC-1", EscrowStatus.ESCROWED, 0L, null);
            device.addKey(KEY_ID, VolumeType.OPERATING_SYSTEM, 0L);
            devices = id -> failing.contains(Step.DEVICE) ? null : device;
            ReleaseLimits.Counts counts = new ReleaseLimits.Counts() {
                @Override
                public long actionsBy(String userId, AuditAction action, long since, int atMost) {
                    return action == AuditAction.KEY_REVEALED && failing.contains(Step.RATE)
                            ? config.limits.revealsPerUserPerHour : 0;
                }

                @Override
                public List<String> devicesReleasedUnder(String ticketSystem, String ticketId, String ticketKey,
                        String deviceFirst, int atMost) {
                    return List.of();
                }
            };
            return new ReleasePolicy(config, requester, stepUp, new AcceptingTickets(),
                    new ReleaseLimits(config, counts, 0L), new ApprovalCheck(config.approval.requiredFor, "helpdesk-user",
                            id -> failing.contains(Step.APPROVAL) ? null : approved, 0L), NO_CAMPAIGNS);
        }

        /** These orders name no campaign: the campaign route is never asked. */
        static final ReleasePolicy.Campaigns NO_CAMPAIGNS = new ReleasePolicy.Campaigns() {
            @Override
            public io.keygate.bitlocker.model.Campaign find(String campaignId) {
                throw new AssertionError("no campaign named");
            }

            @Override
            public io.keygate.bitlocker.ticketing.Ticket admit(io.keygate.bitlocker.model.Campaign campaign,
                    io.keygate.bitlocker.model.DeviceModel device) {
                throw new AssertionError("no campaign named");
            }
        };

        /** The device the path names, as the REST layer resolves it, counting its lookups. */
        DeviceTarget target() {
            return DeviceTarget.of(DEVICE_ID, id -> {
                deviceLookups.incrementAndGet();
                return devices.apply(id);
            });
        }

        RevealRequest body() {
            bodyRead.set(true);
            String keyId = failing.contains(Step.INPUT) ? "not-a-guid" : null;
            String ticket = failing.contains(Step.TICKET) ? null : "ITSM-1";
            return new RevealRequest(keyId, ticket, "user locked out", null, REQUEST_ID, null);
        }

        ProblemCode outcome() {
            try {
                policy().evaluate(target(), this::body, new ReleaseAttempt());
                return null;
            } catch (ProblemException e) {
                return e.problem().code();
            }
        }
    }

    /** Every ticket is an open incident naming the device. */
    private static final class AcceptingTickets implements TicketCheck {
        @Override
        public String system() {
            return "jira";
        }

        @Override
        public void requireWellFormed(String ticketKey) {
        }

        @Override
        public Ticket verify(String ticketKey, DeviceModel device) {
            return new Ticket("jira", ticketKey, "10001", "https://jira.example.test/browse/" + ticketKey, "Open", "Incident",
                    true, List.of(device.getName()));
        }
    }

    static Stream<Arguments> pairsOfSteps() {
        List<Arguments> pairs = new ArrayList<>();
        Step[] steps = Step.values();
        for (int i = 0; i < steps.length; i++) {
            for (int j = i + 1; j < steps.length; j++) {
                pairs.add(Arguments.of(steps[i], steps[j]));
            }
        }
        return pairs.stream();
    }

    @Test
    void aRequestThatFailsNoStepIsGranted() {
        Scenario scenario = new Scenario(EnumSet.noneOf(Step.class));
        ReleaseGrant grant = scenario.policy().evaluate(scenario.target(), scenario::body, new ReleaseAttempt());

        assertThat(grant.route()).isEqualTo(ReleaseRoute.HELPDESK);
        assertThat(grant.key().getKeyId()).isEqualTo(KEY_ID);
        assertThat(grant.ticket().key()).isEqualTo("ITSM-1");
    }

    /** Issue 22: the path's device is resolved once, however many steps (owner, input, key, ticket) ask for it. */
    @Test
    void aReleaseLooksItsDeviceUpOnce() {
        Scenario scenario = new Scenario(EnumSet.noneOf(Step.class));
        ReleasePolicy policy = scenario.policy();
        DeviceTarget target = scenario.target();

        policy.evaluate(target, scenario::body, new ReleaseAttempt());

        assertThat(scenario.deviceLookups).hasValue(1);
    }

    @Test
    void aMalformedDeviceIdIsNeverLookedUp() {
        Scenario scenario = new Scenario(EnumSet.noneOf(Step.class));
        ReleasePolicy policy = scenario.policy();
        DeviceTarget target = DeviceTarget.of("not-a-guid", id -> {
            scenario.deviceLookups.incrementAndGet();
            return null;
        });

        assertThatThrownBy(() -> policy.evaluate(target, scenario::body, new ReleaseAttempt()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ProblemCode.INVALID_REQUEST));
        assertThat(scenario.deviceLookups).hasValue(0);
    }

    @ParameterizedTest(name = "{0} alone")
    @EnumSource(Step.class)
    void eachStepRefusesOnItsOwnWithItsCode(Step step) {
        assertThat(new Scenario(EnumSet.of(step)).outcome()).isEqualTo(step.code);
    }

    @ParameterizedTest(name = "{0} before {1}")
    @MethodSource("pairsOfSteps")
    void whenTwoStepsFailTheEarlierOneAnswers(Step earlier, Step later) {
        assertThat(new Scenario(EnumSet.of(earlier, later)).outcome()).isEqualTo(earlier.code);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Step.class, names = {"ROLE", "STEP_UP"})
    void theBodyIsNotReadBeforeTheCallerHasPassedRolesAndStepUp(Step step) {
        Scenario scenario = new Scenario(EnumSet.of(step));

        assertThatThrownBy(() -> scenario.policy().evaluate(scenario.target(), scenario::body, new ReleaseAttempt()))
                .isInstanceOf(ProblemException.class);
        assertThat(scenario.bodyRead).isFalse();
    }

    @Test
    void helpdeskCannotBreakGlassBecauseTheRoleStepGaveItNoSuchRight() {
        Scenario scenario = new Scenario(EnumSet.noneOf(Step.class));
        RevealRequest breakGlass = new RevealRequest(null, null, "Ticketing outage during quarter close, CFO laptop", true,
                null, null);

        assertThatThrownBy(() -> scenario.policy().evaluate(scenario.target(), () -> breakGlass, new ReleaseAttempt()))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().code()).isEqualTo(ProblemCode.FORBIDDEN));
        assertThat(ReleaseRoute.HELPDESK.mayBreakGlass()).isFalse();
        assertThat(ReleaseRoute.ADMIN.mayBreakGlass()).isTrue();
    }
}
