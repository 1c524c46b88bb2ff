import { describe, expect, it } from "vitest";
import { COMMANDS } from "../index.js";
import { describeUnknownCommand } from "./command-not-found.js";

describe("unknown commands", () => {
  const ids = Object.keys(COMMANDS);
  it.each([
    ["lst:repos", "list repos"],
    ["list:repo", "list repos"],
    ["unsubscibe", "unsubscribe"],
    ["whoamii", "whoami"],
    ["delete:sorce", "delete source"],
  ])("%s → did you mean %s", (id, near) => {
    expect(describeUnknownCommand(id, ids)).toContain(`did you mean 'gatehouse ${near}'?`);
  });

  it("says a flag goes after the command", () => {
    expect(describeUnknownCommand("--data", ids)).toMatch(/^gatehouse: '--data' comes before the command: write the command first/);
  });

  it("says only that it is unknown when nothing is close", () => {
    expect(describeUnknownCommand("frobnicate:everything", ids)).toBe("gatehouse: 'frobnicate everything' is not a gatehouse command\n  hint: gatehouse --help lists the commands");
  });
});
