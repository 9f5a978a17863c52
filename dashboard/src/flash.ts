// What just changed, drawn so that it stands out and then fades: a live event marks its fact
// and the entities it touches for FLASH_MS; the renderer's reducers ask how strong each mark is
// now (1 when it arrives, 0 when it has faded) and mix its colour into the usual look.

export type FlashKind = "added" | "changed" | "retracted";

export const FLASH_MS = 8000;

export const FLASH_COLOURS: Record<FlashKind, string> = {
  added: "#69f0ae",
  changed: "#ffd54f",
  retracted: "#ff5252",
};

export class Flashes {
  private readonly marks = new Map<string, { kind: FlashKind; t0: number }>();

  constructor(private readonly now: () => number = () => performance.now()) {}

  add(id: string, kind: FlashKind): void {
    this.marks.set(id, { kind, t0: this.now() });
  }

  // 1 when marked, falling to 0 over FLASH_MS (eased, so it holds a moment before it fades).
  strength(id: string): number {
    const m = this.marks.get(id);
    if (!m) return 0;
    const t = (this.now() - m.t0) / FLASH_MS;
    return t >= 1 ? 0 : 1 - t * t;
  }

  kind = (id: string): FlashKind | null => this.marks.get(id)?.kind ?? null;

  // The marks still showing; the faded ones are forgotten.
  active(): { id: string; kind: FlashKind; strength: number }[] {
    const out = [];
    for (const [id, m] of this.marks) {
      const strength = this.strength(id);
      if (strength > 0) out.push({ id, kind: m.kind, strength });
      else this.marks.delete(id);
    }
    return out;
  }

  clear(): void {
    this.marks.clear();
  }
}

// a over b, a's share t (0..1), for #rrggbb colours.
export function mix(a: string, b: string, t: number): string {
  const p = (c: string, i: number) => parseInt(c.slice(1 + 2 * i, 3 + 2 * i), 16);
  const out = [0, 1, 2].map((i) => Math.round(p(a, i) * t + p(b, i) * (1 - t)).toString(16).padStart(2, "0"));
  return `#${out.join("")}`;
}
