/**
 * Invented Swedish people and places. The pools are common Swedish given names and family names combined at
 * random, so no generated person is meant to be anyone real; the surnames of the seed protocols' people are left
 * out so that a generated name never equals one of theirs.
 */
import type { Rng } from './prng.js';

// biome-ignore format: a compact table reads better than one name per line
export const FIRST_NAMES = [
  'Agnes', 'Agneta', 'Alice', 'Alva', 'Amanda', 'Anette', 'Angelica', 'Anita', 'Ann-Sofi', 'Anneli',
  'Annika', 'Astrid', 'Beatrice', 'Berit', 'Britt', 'Camilla', 'Caroline', 'Cecilia', 'Charlotte', 'Dagmar',
  'Ebba', 'Elin', 'Elisabeth', 'Ellinor', 'Elsa', 'Emelie', 'Emma', 'Erika', 'Eva', 'Eva-Lena',
  'Evelina', 'Frida', 'Gabriella', 'Gerd', 'Gunilla', 'Hanna', 'Harriet', 'Hedvig', 'Helena', 'Hillevi',
  'Ida', 'Inga', 'Ingela', 'Ingrid', 'Irene', 'Jenny', 'Jessica', 'Johanna', 'Josefin', 'Judit',
  'Karin', 'Karolina', 'Katja', 'Klara', 'Kristin', 'Linda', 'Linnea', 'Lisbeth', 'Liv', 'Louise',
  'Lovisa', 'Madeleine', 'Maja', 'Malin', 'Margareta', 'Maria', 'Marie', 'Marie-Louise', 'Marita', 'Martina',
  'Matilda', 'Mia', 'Moa', 'Monica', 'Nathalie', 'Nora', 'Pia', 'Ragnhild', 'Rebecka', 'Renée',
  'Ronja', 'Sanna', 'Sara', 'Signe', 'Siv', 'Sofia', 'Stina', 'Susanne', 'Sylvia', 'Tekla',
  'Therese', 'Tove', 'Ulla', 'Ulrika', 'Vera', 'Viveka', 'Ylva', 'Åsa', 'Zoé', 'Märta',
  'Adam', 'Albin', 'Alexander', 'Alf', 'André', 'Arvid', 'Axel', 'Bengt', 'Bertil', 'Björn',
  'Bo', 'Carl', 'Dan', 'Daniel', 'David', 'Einar', 'Elias', 'Emil', 'Erik', 'Filip',
  'Folke', 'Fredrik', 'Gunnar', 'Gustav', 'Göran', 'Hampus', 'Hans', 'Harald', 'Henning', 'Hugo',
  'Ingemar', 'Isak', 'Jakob', 'Jan', 'Jan-Erik', 'Jesper', 'Joakim', 'Johan', 'Jonas', 'Jonatan',
  'Josef', 'Kalle', 'Karl', 'Kent', 'Kjell', 'Klas', 'Krister', 'Lars', 'Lars-Göran', 'Leif',
  'Lennart', 'Linus', 'Ludvig', 'Magnus', 'Malte', 'Markus', 'Mats', 'Mattias', 'Melker', 'Mikael',
  'Niklas', 'Nils', 'Olof', 'Oskar', 'Otto', 'Patrik', 'Peder', 'Per', 'Per-Olof', 'Pontus',
  'Rasmus', 'René', 'Robert', 'Roger', 'Rolf', 'Rune', 'Sebastian', 'Simon', 'Staffan', 'Sten',
  'Sune', 'Sven', 'Tobias', 'Tor', 'Torbjörn', 'Ture', 'Ulf', 'Valter', 'Viktor', 'Vilhelm',
  'Åke', 'Örjan', 'Jörgen', 'Mauritz', 'Love', 'Gösta', 'Ebbe', 'Sixten', 'Teodor', 'Douglas',
] as const;

// biome-ignore format: a compact table reads better than one name per line
export const LAST_NAMES = [
  'Ahlbeck', 'Ahlén', 'Almgren', 'Alvstad', 'Arnell', 'Asplund', 'Axén', 'Backlund', 'Bergdahl', 'Bergkvist',
  'Berglöf', 'Bergvall', 'Björkholm', 'Björklund', 'Blomdahl', 'Blomqvist', 'Bodén', 'Borgström', 'Brandt', 'Broberg',
  'Bäckström', 'Dahlgren', 'Dahlstedt', 'Ekberg', 'Ekdahl', 'Ekholm', 'Eklöf', 'Ekman', 'Ekstrand', 'Ekvall',
  'Enqvist', 'Falk', 'Fagerlund', 'Fors', 'Forsberg', 'Forslund', 'Frisk', 'Fröberg', 'Grahn', 'Granath',
  'Granberg', 'Granlund', 'Grönvall', 'Hagberg', 'Hagström', 'Hallin', 'Hammar', 'Hedberg', 'Hedén', 'Hedlund',
  'Hellström', 'Hjelm', 'Holmberg', 'Holmén', 'Holmqvist', 'Hult', 'Hultgren', 'Häggblom', 'Högberg', 'Kjellberg',
  'Kihlström', 'Kvist', 'Lagerqvist', 'Landgren', 'Lidén', 'Lilja', 'Lindahl', 'Lindbom', 'Lindén', 'Lindfors',
  'Lindgren', 'Lindholm', 'Lindqvist', 'Lindström', 'Linnér', 'Ljung', 'Ljungberg', 'Ljunggren', 'Lundén', 'Lundgren',
  'Lundholm', 'Lundin', 'Lundkvist', 'Löfgren', 'Lövgren', 'Malmberg', 'Malmgren', 'Malmqvist', 'Modig', 'Moberg',
  'Molin', 'Mårdh', 'Norberg', 'Nordin', 'Nordqvist', 'Nordström', 'Norén', 'Norling', 'Nyberg', 'Nygren',
  'Nyholm', 'Nylander', 'Näslund', 'Palm', 'Qvarnström', 'Rehn', 'Rosén', 'Rosenqvist', 'Rudberg', 'Ryberg',
  'Rydén', 'Sahlin', 'Sandberg', 'Sandén', 'Sandström', 'Sjödin', 'Sjögren', 'Sjöholm', 'Skog', 'Skoglund',
  'Stark', 'Stenlund', 'Strand', 'Strandberg', 'Ström', 'Strömberg', 'Sundberg', 'Sundin', 'Sundqvist', 'Sundström',
  'Svärd', 'Söderberg', 'Söderlund', 'Söderström', 'Tegnér', 'Thorén', 'Tidblad', 'Tornberg', 'Unger', 'Wahlberg',
  'Wahlström', 'Wallin', 'Westberg', 'Westin', 'Widén', 'Wiklund', 'Winberg', 'Zetterberg', 'Ågren', 'Åkerlund',
  'Åkerman', 'Åström', 'Öberg', 'Öhman', 'Östlund', 'Östman', 'Alm', 'Berggren', 'Boman', 'Dahlin',
  'Edlund', 'Engdahl', 'Fahlén', 'Flodin', 'Gustafsson', 'Hedin', 'Hellqvist', 'Holmgren', 'Håkansson', 'Jakobsson',
  'Kronberg', 'Lagergren', 'Lindell', 'Lindroth', 'Lönn', 'Mattsson', 'Melin', 'Nordlund', 'Norrman', 'Ohlsson',
  'Rask', 'Roos', 'Rylander', 'Sandell', 'Sjöstrand', 'Stenmark', 'Sörensen', 'Thunberg', 'Tibell', 'Vallin',
  'Wennberg', 'Wester', 'Åhlund', 'Älmeby', 'Örn', 'Björne', 'Ekelund', 'Fransson', 'Grip', 'Halvarsson',
] as const;

/** A person of the generated world. `variant` is another spelling the protocols sometimes use (Crespín/Crespin). */
export interface PersonName {
  name: string;
  variant: string | null;
}

const UNACCENTED: Record<string, string> = { é: 'e', è: 'e', ü: 'u', É: 'E' };

/** The name without its accents, or null when it has none ("Renée Lindén" → "Renee Linden"). */
function unaccented(name: string): string | null {
  const plain = name.replace(/[éèüÉ]/g, (c) => UNACCENTED[c] ?? c);
  return plain === name ? null : plain;
}

/** A new invented name; now and then (or when asked) a double surname ("Ekholm Sandén", "Lindahl-Ekberg"). */
export function inventName(rng: Rng, double = rng.chance(0.05)): PersonName {
  const first = rng.pick(FIRST_NAMES);
  let last: string = rng.pick(LAST_NAMES);
  if (double) {
    let second: string = rng.pick(LAST_NAMES);
    while (second === last) second = rng.pick(LAST_NAMES);
    last = `${last}${rng.chance(0.5) ? '-' : ' '}${second}`;
  }
  const name = `${first} ${last}`;
  let variant = unaccented(name);
  if (variant === null && last.includes('-') && rng.chance(0.5)) variant = `${first} ${last.replace('-', ' ')}`;
  return { name, variant };
}

/** Parts of invented place names: "Ekeby", "Lindhult", "Norrvik". */
// biome-ignore format: a compact table reads better than one name per line
const PLACE_HEADS = [
  'Ek', 'Björk', 'Lind', 'Al', 'Ask', 'Gran', 'Hassel', 'Rönn', 'Sjö', 'Strand', 'Berg', 'Dal', 'Mo', 'Hed',
  'Sand', 'Sten', 'Ås', 'Vik', 'Holm', 'Ny', 'Öster', 'Väster', 'Norr', 'Söder', 'Kvarn', 'Bro', 'Lund',
  'Hag', 'Fors', 'Mar', 'Ros', 'Tall', 'Ljung', 'Ängs', 'Klint', 'Ström',
] as const;
// biome-ignore format: a compact table reads better than one name per line
const PLACE_TAILS = [
  'by', 'ås', 'vik', 'hult', 'köping', 'torp', 'näs', 'holm', 'hamn', 'lunda', 'fors', 'dal', 'berga', 'ryd',
  'inge', 'sund', 'stad', 'tuna',
] as const;

/** All invented municipality names, in a fixed order (the generator draws from this list without repeats). */
export function inventedMunicipalities(): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const tail of PLACE_TAILS) {
    for (const head of PLACE_HEADS) {
      const lower = tail.toLowerCase();
      // Avoid doubled letters that read badly ("Sjöö…", "Holmmo") and names that are real members.
      if (head.toLowerCase().endsWith(lower.charAt(0)) || head.toLowerCase() === lower) continue;
      const name = `${head}${lower}`;
      if (seen.has(name)) continue;
      seen.add(name);
      out.push(name);
    }
  }
  return out;
}

/** Swedish genitive of a place name: "Bjuvs", "Höganäs", "Örkelljunga". */
export function genitive(name: string): string {
  if (/[sxz]$/i.test(name)) return name;
  return `${name}s`;
}

/** The municipality as its letterhead writes it: "Bjuvs kommun", "Örkelljunga kommun", "Höganäs kommun". */
export function kommunName(name: string): string {
  return /[aeiouyåäö]$/i.test(name) ? `${name} kommun` : `${genitive(name)} kommun`;
}
