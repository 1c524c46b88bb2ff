import { defineConfig } from "tsup";

export default defineConfig({
  entry: ["src/index.ts", "src/light.ts"],
  format: ["esm"],
  target: "node20",
  platform: "node",
  sourcemap: true,
  clean: false,
});
