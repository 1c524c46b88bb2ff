import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./env.js";

const S3 = { GATEHOUSE_STORAGE: "s3://packages/gatehouse/files" };

describe("storage settings", () => {
  it.each([
    ["unset: the data folder's files/", {}, { kind: "folder" }],
    ["a folder path", { GATEHOUSE_STORAGE: "shared/files" }, { kind: "folder", dir: resolve("shared/files") }],
    [
      "s3 on AWS: virtual-hosted style, default region, SDK credential chain",
      { GATEHOUSE_STORAGE: "s3://packages" },
      { kind: "s3", bucket: "packages", prefix: "", region: "us-east-1", forcePathStyle: false, redirectDownloads: false },
    ],
    [
      "s3 with an endpoint: path style and static keys",
      { ...S3, AWS_ENDPOINT_URL: "http://127.0.0.1:9000", AWS_REGION: "eu-west-1", AWS_ACCESS_KEY_ID: "k", AWS_SECRET_ACCESS_KEY: "s", GATEHOUSE_STORAGE_REDIRECT: "true" },
      {
        kind: "s3",
        bucket: "packages",
        prefix: "gatehouse/files/",
        region: "eu-west-1",
        endpoint: "http://127.0.0.1:9000",
        forcePathStyle: true,
        credentials: { accessKeyId: "k", secretAccessKey: "s" },
        redirectDownloads: true,
      },
    ],
    ["path style turned off for an endpoint", { ...S3, AWS_ENDPOINT_URL: "https://s3.example.test", AWS_S3_FORCE_PATH_STYLE: "false" }, { forcePathStyle: false }],
    ["path style forced on AWS", { ...S3, AWS_S3_FORCE_PATH_STYLE: "1" }, { forcePathStyle: true }],
    ["AWS_DEFAULT_REGION as a fallback", { ...S3, AWS_DEFAULT_REGION: "ap-south-1" }, { region: "ap-south-1" }],
    ["a trailing slash and doubled slashes in the prefix", { GATEHOUSE_STORAGE: "s3://packages//a//b/" }, { prefix: "a/b/" }],
  ])("%s", (_what, env, expected) => {
    expect(loadConfig(env).storage).toMatchObject(expected);
  });

  it.each([
    ["an unknown scheme", { GATEHOUSE_STORAGE: "ftp://x" }, /^invalid setting GATEHOUSE_STORAGE="ftp:\/\/x": unknown storage scheme 'ftp:\/\/'/],
    ["an invalid bucket name", { GATEHOUSE_STORAGE: "s3://Bad_Bucket/x" }, /GATEHOUSE_STORAGE=.*not an S3 bucket name/],
    ["'..' in the prefix", { GATEHOUSE_STORAGE: "s3://packages/../x" }, /GATEHOUSE_STORAGE=.*'\.\.'/],
    ["an empty value", { GATEHOUSE_STORAGE: "" }, /GATEHOUSE_STORAGE=""/],
    ["an endpoint that is no URL", { ...S3, AWS_ENDPOINT_URL: "127.0.0.1:9000" }, /AWS_ENDPOINT_URL=.*http:\/\/ or https:\/\//],
    ["a key id without its secret", { ...S3, AWS_ACCESS_KEY_ID: "k" }, /AWS_SECRET_ACCESS_KEY="": AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY/],
    ["redirect that is no boolean", { GATEHOUSE_STORAGE_REDIRECT: "yes" }, /GATEHOUSE_STORAGE_REDIRECT/],
  ])("refuses %s, naming the setting", (_what, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it("ignores AWS variables when files stay in a folder", () => {
    expect(loadConfig({ AWS_ENDPOINT_URL: "not a url" }).storage).toEqual({ kind: "folder" });
  });
});
