import { describe, expect, it } from "vitest";
import { CliError } from "../cli-error.js";
import { parseClients, parseRepoNames } from "./client-list.js";
import { clientUrlOf } from "./repo-targets.js";

describe("client-config inputs", () => {
  it("gives each repo type the URL its clients use", () => {
    expect(clientUrlOf("http://h:4242/", { name: "pypi", type: "python" })).toBe("http://h:4242/pypi/latest/simple/");
    expect(clientUrlOf("http://h:4242", { name: "cran", type: "r" })).toBe("http://h:4242/cran/latest");
    expect(clientUrlOf("http://h:4242", { name: "bioc", type: "bioconductor" })).toBe("http://h:4242/bioc/latest");
    expect(clientUrlOf("https://pkg.example.com/gh", { name: "channel", type: "conda" })).toBe("https://pkg.example.com/gh/channel");
  });

  it("refuses an unknown client with the closest name, and an empty list", () => {
    expect(parseClients("pip, r,bioc")).toEqual(["pip", "r", "bioc"]);
    expect(() => parseClients("pip,bioconductor")).toThrow(CliError);
    expect(() => parseClients("pip,conad")).toThrow(/unknown client 'conad' \(did you mean 'conda'\?\)/);
    expect(() => parseClients(" , ")).toThrow(/name at least one client/);
  });

  it("splits repo names once each", () => {
    expect(parseRepoNames("cran, bioc,cran")).toEqual(["cran", "bioc"]);
    expect(() => parseRepoNames(",")).toThrow(/name at least one repo/);
  });
});
