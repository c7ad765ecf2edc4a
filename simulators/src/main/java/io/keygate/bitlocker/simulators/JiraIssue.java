package io.keygate.bitlocker.simulators;

import java.util.List;

/**
 * A Jira issue to seed. {@code description} is plain text: the Cloud simulator serves it as Atlassian
 * Document Format (a blank line starts a paragraph, a single line break is a hard break), Data Center as is.
 *
 * @param statusCategory Jira's category key: {@code new}, {@code indeterminate} or {@code done}
 */
public record JiraIssue(String key, String issueType, String summary, String description, List<String> labels,
        String status, String statusCategory) {

    public JiraIssue {
        issueType = issueType == null ? "Incident" : issueType;
        summary = summary == null ? "" : summary;
        description = description == null ? "" : description;
        labels = labels == null ? List.of() : List.copyOf(labels);
        status = status == null ? "In Progress" : status;
        statusCategory = statusCategory == null ? "indeterminate" : statusCategory;
    }

    /** An open ("In Progress") Incident. */
    public static JiraIssue incident(String key, String summary) {
        return new JiraIssue(key, "Incident", summary, "", List.of(), "In Progress", "indeterminate");
    }

    public JiraIssue ofType(String type) {
        return new JiraIssue(key, type, summary, description, labels, status, statusCategory);
    }

    public JiraIssue describedAs(String text) {
        return new JiraIssue(key, issueType, summary, text, labels, status, statusCategory);
    }

    public JiraIssue labelled(String... newLabels) {
        return new JiraIssue(key, issueType, summary, description, List.of(newLabels), status, statusCategory);
    }

    public JiraIssue inStatus(String name, String category) {
        return new JiraIssue(key, issueType, summary, description, labels, name, category);
    }

    /** Resolved: status "Done" in category {@code done}. */
    public JiraIssue done() {
        return inStatus("Done", "done");
    }
}
