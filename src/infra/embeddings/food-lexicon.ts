import { wordKnowledge } from '../word-knowledge/word-knowledge.ts'
import { stem, words } from './text-analysis.ts'

// A compact lexicon of general food and diet concepts, the kind a waiter knows: "seafood"
// covers fish and shellfish, "dessert" and "sweet" mean the same, a steak is beef. It holds
// concepts, never one restaurant's dishes, so it carries over to menus nobody tuned for.

/** Words and phrases that mean the same thing to a caller. */
const SYNONYMS: string[][] = [
  ['dessert', 'afters'],
  ['sweet', 'sweet treat', 'something sweet'],
  ['spicy', 'spiced', 'hot', 'fiery', 'heat', 'picante'],
  ['extra', 'more', 'additional', 'another', 'double', 'second helping', 'refill'],
  ['large', 'big', 'bigger', 'biggest', 'larger', 'size', 'upsize', 'jumbo', 'xl'],
  ['small', 'smaller', 'little', 'mini', 'half portion', 'kids size'],
  ['drink', 'beverage', 'refreshment'],
  ['soda', 'pop', 'soft drink', 'fizzy drink', 'soda pop'],
  ['fries', 'frites', 'french fries', 'chips'],
  ['free', 'non', 'without', 'instead', 'substitute', 'sub', 'alternative', 'replacement', 'swap', 'no'],
  ['dairy', 'lactose'],
  ['gluten', 'celiac', 'coeliac'],
  ['starter', 'appetizer', 'appetiser', 'small plate', 'antipasti', 'antipasto', 'tapas'],
  ['main', 'main course', 'entree'],
  ['side', 'side dish'],
  ['vegetable', 'veggie', 'veg', 'greens'],
  ['noodle'],
  ['dumpling', 'potsticker'],
  ['sandwich', 'sub', 'hoagie', 'toastie'],
  ['burger', 'hamburger'],
  ['chicken', 'hen'],
  ['prawn', 'shrimp'],
  ['squid', 'calamari'],
  ['eggplant', 'aubergine'],
  ['zucchini', 'courgette'],
  ['cilantro', 'coriander'],
  ['mushroom', 'funghi', 'fungi'],
  ['cheese', 'formaggi', 'formaggio', 'fromage', 'queso'],
  ['coffee', 'espresso', 'cafe'],
  ['kid', 'children', 'child'],
  ['breakfast', 'brunch'],
  ['rare', 'medium rare', 'medium well', 'well done', 'doneness', 'temperature'],
]

/** A concept and its kinds: asking for the concept finds its kinds, and a kind inherits every concept above it. */
const KINDS: Record<string, string[]> = {
  // Asking for something sweet finds the desserts; a dish described as sweet is not thereby a dessert.
  sweet: ['dessert', 'candy', 'chocolate', 'pastry'],
  food: [
    'meat',
    'seafood',
    'vegetable',
    'dessert',
    'drink',
    'soup',
    'salad',
    'pasta',
    'noodle',
    'rice',
    'bread',
    'sandwich',
    'pizza',
    'dumpling',
  ],
  meat: ['beef', 'pork', 'poultry', 'lamb', 'goat meat', 'game', 'sausage', 'meatball', 'charcuterie'],
  beef: ['steak', 'burger', 'brisket', 'short rib', 'oxtail', 'bulgogi', 'wagyu', 'roast beef', 'meatloaf'],
  steak: ['ribeye', 'sirloin', 'tenderloin', 't bone', 'hanger steak', 'skirt steak', 'tomahawk'],
  burger: ['smash burger', 'veggie burger', 'slider'],
  pork: [
    'bacon',
    'ham',
    'prosciutto',
    'pancetta',
    'guanciale',
    'lardon',
    'pork belly',
    'spare rib',
    'pulled pork',
    'carnitas',
    'char siu',
    'porchetta',
    'pork chop',
    'mortadella',
    'pepperoni',
    'salami',
    'chorizo',
  ],
  sausage: ['chorizo', 'salami', 'pepperoni', 'kielbasa', 'merguez', 'andouille', 'hot dog', 'nduja'],
  poultry: ['chicken', 'duck', 'turkey', 'goose', 'quail', 'pheasant'],
  chicken: [
    'wing',
    'chicken breast',
    'chicken thigh',
    'drumstick',
    'nugget',
    'chicken tender',
    'fried chicken',
    'rotisserie',
  ],
  lamb: ['lamb chop', 'rack of lamb', 'mutton', 'gyro'],
  seafood: ['fish', 'shellfish', 'seaweed'],
  fish: [
    'tuna',
    'salmon',
    'cod',
    'halibut',
    'sardine',
    'mackerel',
    'sea bass',
    'bass',
    'snapper',
    'tilapia',
    'swordfish',
    'bonito',
    'sole',
    'mahi mahi',
    'catfish',
    'herring',
    'branzino',
    'monkfish',
    'pollock',
    'flounder',
    'yellowtail',
    'hamachi',
    'sashimi',
    'fish and chips',
    'ceviche',
    'lox',
    'dashi',
  ],
  shellfish: [
    'shrimp',
    'prawn',
    'crab',
    'scallop',
    'clam',
    'oyster',
    'octopus',
    'squid',
    'calamari',
    'cuttlefish',
    'abalone',
    'sea urchin',
    'uni',
    'conch',
  ],
  dairy: [
    'milk',
    'cheese',
    'cream',
    'butter',
    'yogurt',
    'yoghurt',
    'ghee',
    'buttermilk',
    'ice cream',
    'gelato',
    'creme fraiche',
    'sour cream',
    'whey',
    'bechamel',
  ],
  cheese: [
    'parmigiano',
    'cheddar',
    'fontina',
    'pecorino',
    'feta',
    'burrata',
    'provolone',
    'comte',
    'manchego',
    'halloumi',
    'paneer',
    'monterey jack',
    'cotija',
    'raclette',
    'taleggio',
    'buffalo mozzarella',
  ],
  gluten: ['wheat', 'barley', 'rye', 'spelt', 'semolina', 'seitan', 'flour'],
  nut: [
    'peanut',
    'almond',
    'walnut',
    'cashew',
    'pecan',
    'pistachio',
    'hazelnut',
    'macadamia',
    'pine nut',
    'marzipan',
    'praline',
    'tree nut',
  ],
  soy: ['tofu', 'tempeh', 'miso', 'soy sauce', 'soybean', 'soya'],
  egg: [
    'yolk',
    'omelette',
    'omelet',
    'frittata',
    'tamago',
    'scrambled egg',
    'fried egg',
    'poached egg',
    'soft boiled egg',
    'mayo',
    'mayonnaise',
    'aioli',
  ],
  sesame: ['tahini', 'sesame oil', 'sesame seed'],
  vegetable: [
    'lettuce',
    'spinach',
    'kale',
    'arugula',
    'rocket',
    'broccoli',
    'zucchini',
    'courgette',
    'eggplant',
    'aubergine',
    'bell pepper',
    'carrot',
    'bok choy',
    'asparagus',
    'cauliflower',
    'okra',
    'celery',
    'cucumber',
    'leek',
    'artichoke',
    'beet',
    'fennel',
    'squash',
    'pumpkin',
    'sweet potato',
    'chard',
    'mixed greens',
  ],
  dessert: [
    'cake',
    'tart',
    'pie',
    'custard',
    'pudding',
    'ice cream',
    'gelato',
    'cookie',
    'brownie',
    'cheesecake',
    'pastry',
    'macaron',
    'mochi',
    'panna cotta',
    'churro',
    'donut',
    'doughnut',
    'souffle',
    'crumble',
    'cobbler',
    'eclair',
    'profiterole',
    'baklava',
    'fudge',
    'truffle',
    'candy',
    'meringue',
    'waffle',
    'creme',
    'chocolate',
    'caramel',
    'sugar',
  ],
  drink: [
    'soda',
    'juice',
    'coffee',
    'water',
    'lemonade',
    'mocktail',
    'shake',
    'smoothie',
    'espresso',
    'americano',
    'sake',
    'cider',
    'spritz',
    'lassi',
    'kombucha',
  ],
  soda: ['cola', 'coke', 'lemonade', 'root beer', 'ginger ale', 'tonic', 'marble soda', 'sprite'],
  alcohol: ['sake', 'cider', 'spirit', 'whiskey', 'vodka', 'gin', 'rum', 'tequila', 'prosecco', 'champagne'],
  soup: ['pho', 'ramen', 'gumbo', 'miso soup', 'velouté'],
  stew: ['cassoulet', 'tagine', 'chili con carne', 'curry', 'casserole', 'braise'],
  salad: ['caesar', 'caprese', 'fattoush', 'waldorf', 'cobb', 'mixed greens', 'greek salad'],
  pasta: ['gnocchi', 'macaroni', 'mac and cheese', 'pappardelle', 'orecchiette', 'fusilli', 'bucatini'],
  noodle: [
    'ramen',
    'udon',
    'soba',
    'pho',
    'lo mein',
    'chow mein',
    'pad thai',
    'vermicelli',
    'rice noodle',
    'glass noodle',
    'yakisoba',
    'japchae',
    'dipping noodle',
  ],
  rice: [
    'risotto',
    'paella',
    'biryani',
    'fried rice',
    'donburi',
    'bibimbap',
    'pilaf',
    'sushi',
    'rice bowl',
    'congee',
    'jambalaya',
    'onigiri',
  ],
  bread: ['focaccia', 'ciabatta', 'sourdough', 'bread roll'],
  sandwich: [
    'burger',
    'panini',
    'wrap',
    'banh mi',
    'torta',
    'hot dog',
    'grilled cheese',
    'reuben',
    'po boy',
    'bao',
    'gyro',
    'taco',
    'burrito',
  ],
  pizza: ['calzone', 'stromboli', 'deep dish', 'neapolitan', 'pizza pie'],
  dumpling: ['wonton', 'dim sum', 'pierogi', 'momo', 'mandu', 'shumai', 'xiao long bao', 'potsticker', 'empanada'],
  spicy: [
    'chili',
    'chilli',
    'chile',
    'jalapeno',
    'habanero',
    'sriracha',
    'cayenne',
    'harissa',
    'gochujang',
    'wasabi',
    'kimchi',
    'vindaloo',
    'buffalo wing',
    'chili flake',
    'chili oil',
    'hot sauce',
    'szechuan',
    'sichuan',
    'nduja',
    'fire',
    'peri peri',
    'chipotle',
  ],
  fried: ['tempura', 'crispy', 'deep fried', 'battered', 'katsu', 'schnitzel', 'fritter'],
}

const key = (phrase: string) => words(phrase).map(stem).join(' ')

function buildIndex() {
  const synonymsOf = new Map<string, Set<string>>()
  for (const group of SYNONYMS) {
    const keys = group.map(key)
    for (const k of keys) synonymsOf.set(k, new Set([...(synonymsOf.get(k) ?? [k]), ...keys]))
  }
  const parentsOf = new Map<string, Set<string>>()
  for (const [concept, kinds] of Object.entries(KINDS)) {
    for (const kind of kinds.map(key)) parentsOf.set(kind, new Set([...(parentsOf.get(kind) ?? []), key(concept)]))
  }
  // WordNet's kinds of foods (maintained data) fill what this list leaves out, where they name a
  // concept of it: "salmon" is a fish and "gruyere" a cheese without a line here. Only words whose
  // most frequent sense is a food ("game" and "sour" are not), and never a word the list already
  // places ("sub", a sandwich here too, is also "instead"; "alcohol" is a concept of its own).
  // WordNet names concepts in plain words ("cheese", "fish"): matched as written first, and only the
  // few words of its entries that name one are stemmed (most do not: "bread" does, "baked goods" not).
  const concepts = new Map(Object.keys(KINDS).map((concept) => [concept, key(concept)]))
  const roots = new Set(concepts.values())
  for (const [lemma, kinds] of wordKnowledge().mainFoodKinds()) {
    const above = kinds.map((kind) => concepts.get(kind)).filter((kind) => kind !== undefined)
    if (above.length === 0) continue
    const term = key(lemma)
    const placed = synonymsOf.has(term) || parentsOf.has(term) || roots.has(term)
    if (!placed) parentsOf.set(term, new Set(above))
  }
  const childrenOf = new Map<string, Set<string>>()
  for (const [kind, parents] of parentsOf)
    for (const parent of parents) childrenOf.set(parent, new Set([...(childrenOf.get(parent) ?? []), kind]))
  const known = new Set([...synonymsOf.keys(), ...parentsOf.keys(), ...Object.keys(KINDS).map(key)])
  const phrases = new Set([...known].filter((k) => k.includes(' ')))
  return { synonymsOf, parentsOf, childrenOf, known, phrases }
}
let built: ReturnType<typeof buildIndex> | undefined
/** Built on first use, not at import: it reads the word knowledge, which a process may never need. */
const index = () => {
  built ??= buildIndex()
  return built
}

const synonymsOf = (term: string): string[] => [...(index().synonymsOf.get(term) ?? [term])]

/** Every concept above a term, transitively, with the synonyms of each ("tuna" → fish, seafood, food). */
function ancestorsOf(term: string): string[] {
  const found = new Set<string>()
  const queue = synonymsOf(term)
  while (queue.length > 0) {
    const current = queue.shift()!
    for (const parent of index().parentsOf.get(current) ?? []) {
      for (const p of synonymsOf(parent)) {
        if (!found.has(p)) {
          found.add(p)
          queue.push(p)
        }
      }
    }
  }
  found.delete('food')
  return [...found]
}

/** Every kind below a term, transitively ("seafood" → fish, tuna, shrimp…). */
function kindsOf(term: string): string[] {
  const found = new Set<string>()
  const queue = synonymsOf(term)
  while (queue.length > 0) {
    for (const kind of index().childrenOf.get(queue.shift()!) ?? []) {
      if (!found.has(kind)) {
        found.add(kind)
        queue.push(kind)
      }
    }
  }
  return [...found]
}

const memo = <T>(fn: (term: string) => T) => {
  const cache = new Map<string, T>()
  return (term: string) => {
    let value = cache.get(term)
    if (value === undefined) {
      value = fn(term)
      cache.set(term, value)
    }
    return value
  }
}

export const lexicon = {
  /** The term and the words that mean the same. */
  synonyms: memo(synonymsOf),
  /** The concepts above the term (a query for one of them finds this term). */
  ancestors: memo(ancestorsOf),
  /** The kinds below the term: widens a full-text query ("seafood" also looks for "tuna"). */
  kinds: memo(kindsOf),
  /** Whether the lexicon knows the term: a known food word that a menu lacks is a real "no". */
  knows: (term: string) => index().known.has(term),
  /** Builds it now (at start), so that no caller's first question waits for it. */
  load: () => {
    index()
  },
}

export type Term = {
  /** Stemmed word or phrase ("soft drink"). */
  key: string
  /** The words as written, folded. */
  text: string
  phrase: boolean
}

/**
 * Stemmed terms of a text, recognising the lexicon's phrases ("soft drinks", "deep dish").
 * Queries consume a phrase's words; documents keep them too, so "deep" alone still finds "deep dish".
 */
export function termsOf(text: string, { keepPhraseWords = false } = {}): Term[] {
  const raw = words(text)
  const stems = raw.map(stem)
  const terms: Term[] = []
  for (let i = 0; i < stems.length; ) {
    let taken = 0
    for (let n = 3; n >= 2 && taken === 0; n--) {
      if (i + n > stems.length) continue
      const candidate = stems.slice(i, i + n).join(' ')
      if (index().phrases.has(candidate)) {
        terms.push({ key: candidate, text: raw.slice(i, i + n).join(' '), phrase: true })
        taken = n
      }
    }
    if (taken === 0 || keepPhraseWords) {
      for (let j = i; j < i + Math.max(taken, 1); j++) terms.push({ key: stems[j]!, text: raw[j]!, phrase: false })
    }
    i += Math.max(taken, 1)
  }
  return terms
}
