/**
 * The words of the generated search library: a few thousand words in a Zipf-like distribution
 * (function words first, then call-centre words, then made-up words so the long tail is long),
 * names with diacritics and order numbers, from a seeded PRNG so every run writes the same text.
 */

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FUNCTION_WORDS = `the i you to a and it is that of for my your can this on have me we be with do not what so just in at was are
there if but know yes no okay please will get one like would about could they how all out up right now thank thanks see here
let when then call back going an sure them any our need want by from been well also help time go sorry check did more again`.split(/\s+/);

const DOMAIN_WORDS = `refund order account payment card delivery package cancel subscription invoice billing charge charged
address email phone number customer service agent manager supervisor complaint issue problem ticket transfer
balance credit debit bank transaction pending approved declined fraud security password reset login username
appointment schedule booking reschedule confirm confirmation reference tracking shipment shipped arrived
missing damaged broken replacement return exchange warranty product item price discount coupon promotion
plan upgrade downgrade contract renewal fee late overdue reminder statement receipt tax shipping courier
parcel warehouse stock available unavailable tuesday monday wednesday thursday friday saturday sunday morning
afternoon evening tomorrow yesterday today week month year minute hour second holiday weekend escalate
escalation recording disclosure compliance consent verify verification identity birth postcode zip street
city country mobile landline voicemail message text callback hold wait waiting queue line department
technical support internet router modem signal outage restart restore connection speed slow network wifi
device laptop tablet app update version install download error code screen button settings profile
membership loyalty points reward voucher gift store branch online website portal chat form document
copy signature policy insurance claim coverage premium deductible accident doctor pharmacy prescription
medication dose dentist cleaning checkup insurance frustrated angry happy disappointed satisfied unacceptable
ridiculous terrible excellent great wonderful perfect fine understand explain repeat spell slowly louder
cannot won't doesn't isn't didn't haven't i'm you're we're it's that's there's what's let's`.split(/\s+/);

const FUNCTION_UNIQUE = [...new Set(FUNCTION_WORDS)];
const DOMAIN_UNIQUE = [...new Set(DOMAIN_WORDS)].filter((w) => !FUNCTION_UNIQUE.includes(w));
/** How many of the most frequent words are function words ("the", "you"…), which reviewers do not search for. */
export const FUNCTION_WORD_COUNT = FUNCTION_UNIQUE.length;
/** How many call-centre words follow them in frequency order. */
export const DOMAIN_WORD_COUNT = DOMAIN_UNIQUE.length;

const NAMES = [
  'Zürich', 'José', 'Müller', 'François', 'Łukasz', 'Søren', 'Chloé', 'Renée', 'Dvořák', 'Ångström', 'Gdańsk', 'Núñez',
  'Björk', 'Jürgen', 'Žofia', 'Çelik', 'Brontë', 'Noël', 'Zoë', 'Raphaël', 'Åsa', 'Øystein', 'Ibáñez', 'Gonçalves',
  'Schröder', 'Krüger', 'Hélène', 'Désirée', 'André', 'Mårten', 'Kovačević', 'Wójcik', 'Lemaître', 'Peña', 'Göteborg', 'Málaga',
];

const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vo', 'sil', 'dar', 'po', 'ne', 'ru', 'fa', 'gim', 'tho', 'bel', 'cor', 'dun', 'ex', 'jo', 'qua'];

/** Words in frequency order (rank 1 first), `size` of them. */
export function vocabulary(size: number): string[] {
  const words = [...FUNCTION_UNIQUE, ...DOMAIN_UNIQUE];
  const seen = new Set(words);
  const next = rng(7);
  while (words.length < size) {
    const n = 2 + Math.floor(next() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  return words.slice(0, size);
}

/** Draws ranks 0..n-1 with probability ∝ 1/(rank+1)^s (a Zipf-like law). */
export function zipfSampler(n: number, s: number, next: () => number): () => number {
  const cdf = new Float64Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    total += 1 / (r + 1) ** s;
    cdf[r] = total;
  }
  return () => {
    const u = next() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Makes segment texts: 4–18 words, some with a name or an order number. */
export class TextMaker {
  readonly words: string[];
  private readonly draw: () => number;

  constructor(
    private readonly next: () => number,
    vocabSize = 3000,
  ) {
    this.words = vocabulary(vocabSize);
    this.draw = zipfSampler(this.words.length, 1.0, next);
  }

  /** The names with diacritics the text uses. */
  static get names(): readonly string[] {
    return NAMES;
  }

  /** One segment's text. */
  line(): string {
    const n = 4 + Math.floor(this.next() * 15);
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.words[this.draw()]!);
    const r = this.next();
    const at = Math.floor(this.next() * out.length);
    if (r < 0.08) out.splice(at, 0, 'order', String(10000 + Math.floor(this.next() * 90000)));
    else if (r < 0.13) out.splice(at, 0, NAMES[Math.floor(this.next() * NAMES.length)]!);
    const text = out.join(' ');
    return `${text[0]!.toUpperCase()}${text.slice(1)}${r > 0.9 ? '?' : '.'}`;
  }
}
