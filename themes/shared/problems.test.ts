import { describe, expect, it } from "vitest";

import english from "../src/main/resources/theme-resources/messages/messages_en.properties?raw";
import { ApiError } from "./http";
import { PROBLEM_CODES, problemMessage } from "./problems";

describe("problemMessage", () => {
  it("names a sentence and a next step for each problem code", () => {
    expect(problemMessage(new ApiError(409, "ticket_not_open", "closed"))).toEqual({
      title: "bitlockerProblemTicketNotOpen",
      next: "bitlockerProblemTicketNotOpenNext",
    });
    expect(problemMessage(new ApiError(0, "network", "")).title).toBe("bitlockerProblemNetwork");
    expect(problemMessage(new ApiError(401, "insufficient_user_authentication", "")).next).toBe(
      "bitlockerProblemInsufficientUserAuthenticationNext",
    );
  });

  it("keeps an unknown code and its status for the generic sentence, never the server's detail", () => {
    const message = problemMessage(new ApiError(418, "teapot", "Server's English detail"));
    expect(message).toEqual({ title: "bitlockerProblemOther", next: "bitlockerProblemOtherNext", values: { status: 418, code: "teapot" } });
  });

  it("answers the unexpected-error sentence for anything else", () => {
    expect(problemMessage(new TypeError("boom")).title).toBe("bitlockerProblemUnexpected");
  });

  it("has every code's keys in the English bundle", () => {
    const bundle = english;
    for (const code of PROBLEM_CODES) {
      const { title, next } = problemMessage(new ApiError(400, code, ""));
      expect(bundle).toContain(`\n${title}=`);
      expect(bundle).toContain(`\n${next}=`);
    }
  });
});
