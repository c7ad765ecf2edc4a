package io.keygate.bitlocker.ticketing;

import java.util.stream.Stream;

/** Ticket "keys" that try to change a query, a path or a URL; none may ever reach a ticketing system. */
public final class KeyInjectionAttempts {

    private KeyInjectionAttempts() {
    }

    public static Stream<String> common() {
        return Stream.of(
                "", " ", "\t", "null",
                "../", "..%2F", "%2e%2e%2f", "/", "\\", "?", "#", "&", "%00",
                "http://evil.example/", "//evil.example",
                "A".repeat(10_000), "PROJ-" + "9".repeat(5_000), "INC" + "0".repeat(5_000),
                "\u0000", "\uFEFFPROJ-1", "ＰＲＯＪ-1", "INC００１２３４５");
    }

    public static Stream<String> jira() {
        return Stream.concat(common(), Stream.of(
                "PROJ-1 OR 1=1", "PROJ-1/../..", "PROJ-1/comment", "PROJ-1?fields=*all", "PROJ-1#x", "PROJ-1&x=y",
                "PROJ-1%20OR%201=1", "PROJ-1%2F..%2F..", "PROJ-1%3Ffields%3D*all", "PROJ-1\n", "PROJ-1\r\nX-Evil: 1",
                " PROJ-1", "PROJ-1 ", "proj-1", "Proj-1", "PROJ-01", "PROJ-0", "PROJ-", "-1", "P-1",
                "PROJECTNAME1-1", "PROJ-1234567890", "1PROJ-1", "PROJ_-1'", "PROJ-1\"", "PROJ-1;DROP",
                "project = PROJ AND key = PROJ-1", "key in (PROJ-1, PROJ-2)", "PROJ-1,PROJ-2", "PROJ-1.json",
                "PROJ-1/../../../rest/api/3/myself", "PROJ-１"));
    }

    public static Stream<String> serviceNow() {
        return Stream.concat(common(), Stream.of(
                "INC0012345^ORactive=true", "INC0012345^NQactive=true", "INC0012345%5EORactive%3Dtrue",
                "INC0012345&sysparm_query=active=true", "INC0012345&number=INC0000001", "INC0012345#",
                "INC0012345/../..", "INC0012345%2F..%2F..", "numberSTARTSWITHINC", "INC*", "INC%", "INC00123%",
                "inc0012345", "Inc0012345", "INC001234", "INC00123456789", "INC 0012345", "INC0012345 ",
                " INC0012345", "INC0012345\n", "INC0012345\r\nX-Evil: 1", "CHG0012345", "RITM0012345",
                "INC-0012345", "INC0012345;", "javascript:gs.getUser()", "INC0012345'", "INC0012345\""));
    }
}
