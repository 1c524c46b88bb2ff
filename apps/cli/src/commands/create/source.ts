import { ops } from "@gatehouse/api-contract";
import { Flags } from "@oclif/core";
import { BaseCommand } from "../../base-command.js";

/** `gatehouse create source`. */
export default class CreateSource extends BaseCommand<typeof CreateSource> {
  static override summary = "Create a local source that takes uploads, or a remote one that mirrors an upstream index";
  static override examples = [
    "gatehouse create source --name internal --kind python",
    "gatehouse create source --name pypi-mirror --kind python --upstream https://pypi.org/simple/",
    "gatehouse create source --name vendor --kind python --upstream https://pkgs.example.com/simple/ --upstream-token-env VENDOR_TOKEN",
    "gatehouse create source --name cran --kind r --upstream https://cloud.r-project.org/",
    "gatehouse create source --name bioc-mirror --kind bioconductor --upstream https://bioconductor.org/",
    "gatehouse create source --name conda-forge --kind conda --upstream https://conda.anaconda.org/conda-forge/",
  ];
  static override flags = {
    name: Flags.string({ description: "source name", required: true }),
    kind: Flags.string({ description: "kind of packages it holds", options: ["python", "r", "bioconductor", "conda"], required: true }),
    upstream: Flags.string({ description: "mirror this upstream (http or https): a PEP 503/691 simple index, a CRAN-like repo, a Bioconductor mirror root or a conda channel; packages are fetched on first request" }),
    "upstream-token-env": Flags.string({ description: "name of the server's environment variable holding the upstream token (the token is never stored)" }),
  };

  async run(): Promise<void> {
    const body = {
      name: this.flags.name,
      kind: this.flags.kind,
      ...(this.flags.upstream === undefined ? {} : { upstream: this.flags.upstream }),
      ...(this.flags["upstream-token-env"] === undefined ? {} : { upstreamTokenEnv: this.flags["upstream-token-env"] }),
    };
    const source = await (await this.api()).op(ops.sources.create, { body });
    if (this.json) return this.printJson(source);
    if (source.type === "remote") {
      this.note(`created ${source.kind} source '${source.name}' mirroring ${source.upstream ?? "its upstream"}; serve it with: gatehouse subscribe --repo <repo> --source ${source.name}`);
      return;
    }
    this.note(`created ${source.kind} source '${source.name}'; upload with: gatehouse add --source ${source.name} --path FILE`);
  }
}
