import type { Revealed } from "../../shared/types";

/**
 * The key package a release handed out, as the file `repair-bde -kp` takes: `<keyId>.kpg`, its bytes decoded
 * from the answer's base64. Pure: the page saves it (a Blob download, nothing in browser storage).
 */
export interface KeyPackageFile {
  name: string;
  bytes: Uint8Array<ArrayBuffer>;
}

export function keyPackageFile(revealed: Revealed): KeyPackageFile | undefined {
  if (!revealed.keyPackage) {
    return undefined;
  }
  const text = atob(revealed.keyPackage);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    bytes[i] = text.charCodeAt(i);
  }
  return { name: `${revealed.keyId}.kpg`, bytes };
}

/** The release without its key package: what the page keeps showing once the file has been saved. */
export function withoutKeyPackage(revealed: Revealed): Revealed {
  const shown = { ...revealed };
  delete shown.keyPackage;
  return shown;
}
