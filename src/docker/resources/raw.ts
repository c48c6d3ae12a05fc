/** The fields of Docker's answers that images/volumes/networks read (API 1.41+; all optional). */

export interface RawImageSummary {
  Id?: string;
  RepoTags?: string[] | null;
  RepoDigests?: string[] | null;
  Created?: number;
  Size?: number;
  Labels?: Record<string, string> | null;
}

export interface RawVolume {
  Name?: string;
  Driver?: string;
  Mountpoint?: string;
  CreatedAt?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
  UsageData?: { Size?: number; RefCount?: number } | null;
}

export interface RawVolumeList {
  Volumes?: RawVolume[] | null;
}

export interface RawNetwork {
  Id?: string;
  Name?: string;
  Driver?: string;
  Scope?: string;
  Created?: string;
  Internal?: boolean;
  Ingress?: boolean;
}

/** A container as `GET /containers/json?all=1` lists it: only what says what it uses. */
export interface RawContainerUse {
  Id?: string;
  Names?: string[] | null;
  Image?: string;
  ImageID?: string;
  State?: string;
  Created?: number;
  SizeRw?: number;
  Mounts?: Array<{ Type?: string; Name?: string }> | null;
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string } | null> | null } | null;
}

export interface RawDfVolumes {
  Volumes?: RawVolume[] | null;
}
