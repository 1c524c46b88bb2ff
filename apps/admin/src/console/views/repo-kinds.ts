/** Repo types / source kinds with their labels, in display order. */
export const KIND_OPTIONS: readonly { value: string; label: string }[] = [
  { value: "python", label: "Python (PyPI)" },
  { value: "r", label: "R (CRAN-like)" },
  { value: "bioconductor", label: "Bioconductor" },
  { value: "conda", label: "conda" },
];
