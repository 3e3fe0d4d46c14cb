//! Invented people for the demo: common Norwegian first names and family names
//! combined at random, with synthetic identity numbers (month + 80) that no
//! real person can hold.

use ettlag_core::NationalId;
use ettlag_core::nin::BirthDate;

const GIVEN: &[&str] = &[
    "Emma", "Nora", "Sofie", "Ella", "Olivia", "Ada", "Frida", "Ingrid", "Sara", "Maja", "Leah",
    "Astrid", "Jakob", "Emil", "Noah", "Oliver", "Filip", "William", "Lukas", "Aksel", "Isak",
    "Magnus", "Henrik", "Johannes", "Selma", "Tiril", "Amalie", "Mathea", "Liv", "Hedda", "Sander",
    "Tobias", "Mats", "Even", "Sindre", "Vetle",
];
const ADULT_GIVEN: &[&str] = &[
    "Kari", "Ingrid", "Anne", "Hilde", "Marit", "Silje", "Camilla", "Ida", "Kristin", "Tone",
    "Line", "Marte", "Ole", "Lars", "Per", "Kjetil", "Geir", "Espen", "Jon", "Trond", "Anders",
    "Morten", "Rune", "Bjørn",
];
const FAMILY: &[&str] = &[
    "Hansen",
    "Johansen",
    "Olsen",
    "Larsen",
    "Andersen",
    "Pedersen",
    "Nilsen",
    "Kristiansen",
    "Jensen",
    "Karlsen",
    "Berg",
    "Haugen",
    "Hagen",
    "Eriksen",
    "Bakken",
    "Lie",
    "Dahl",
    "Lunde",
    "Solberg",
    "Moen",
    "Strand",
    "Aas",
    "Fjeld",
    "Myklebust",
    "Vik",
    "Nygård",
    "Sæther",
    "Brekke",
    "Tangen",
    "Holm",
    "Lien",
    "Aune",
    "Foss",
    "Rønning",
];
const PLACES: &[&str] = &[
    "Nordli",
    "Solbakken",
    "Eventyrskogen",
    "Bjørkelunden",
    "Granåsen",
    "Fjellvegen",
    "Elvebakken",
    "Lyngtoppen",
    "Sjøsiden",
    "Furumo",
    "Kvernhuset",
    "Rosendal",
    "Trollskogen",
    "Måkeberget",
    "Lerkevang",
    "Bekkefaret",
];

/// A small deterministic generator (SplitMix64): the same seed gives the same
/// municipality, which makes demo bugs reproducible.
#[derive(Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    pub fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len() as u64) as usize]
    }
}

pub fn child_name(rng: &mut Rng) -> &'static str {
    rng.pick(GIVEN)
}

pub fn adult_name(rng: &mut Rng) -> &'static str {
    rng.pick(ADULT_GIVEN)
}

pub fn family_name(rng: &mut Rng) -> &'static str {
    rng.pick(FAMILY)
}

/// The name of the `n`th unit of a kind: the first ones are the familiar demo
/// units (Nordli skole, Eventyrskogen barnehage), later ones are numbered.
pub fn place(n: usize) -> String {
    match PLACES.get(n) {
        Some(p) => (*p).to_string(),
        None => format!("{} {}", PLACES[n % PLACES.len()], n / PLACES.len() + 1),
    }
}

/// A synthetic national identity number for someone born in `year`. Keeps a
/// per-date counter of individual numbers so that a million children still
/// get distinct numbers.
#[derive(Debug, Default)]
pub struct NinSource {
    used: std::collections::HashMap<(u16, u8, u8), u16>,
}

impl NinSource {
    pub fn next(&mut self, rng: &mut Rng, year: u16) -> NationalId {
        loop {
            let month = 1 + rng.below(12) as u8;
            let day = 1 + rng.below(28) as u8;
            let date = (year, month, day);
            // Individual numbers 500–999 give the 2000s; 000–499 the 1900s.
            let (start, end) = if year >= 2000 {
                (500u16, 999u16)
            } else {
                (0, 499)
            };
            let counter = self.used.entry(date).or_insert(start);
            while *counter <= end {
                let individual = *counter;
                *counter += 1;
                if let Some(id) = NationalId::synthetic(BirthDate { year, month, day }, individual)
                {
                    return id;
                }
            }
        }
    }
}
