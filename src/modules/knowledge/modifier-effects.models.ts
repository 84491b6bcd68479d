import { stem, words } from '../../infra/embeddings/text-analysis.ts'

// Options asked for by what they do: "no caffeine" is the decaf option, "make it stronger" an
// extra shot, "more heat" the chili. Each effect is a set of ways callers ask and the words an
// option that does it carries in its name or description; the restaurant's own options decide.

/** `unlike`: marks of an option that does the opposite (a decaf espresso is not a stronger coffee). */
type Effect = { asks: RegExp; marks: string[]; unlike?: string[] }

const EFFECTS: Effect[] = [
  {
    asks: /\b(no|without|less|free of|cut( out)?( the)?|cant have|avoid(ing)?) caffeine\b|\bcaffeine free\b|\bdecaf/,
    marks: ['decaf', 'decaffeinated', 'caffeine-free'],
  },
  {
    asks: /\b(stronger|more (caffeine|kick|of a kick|punch)|extra (caffeine|kick)|wake me up|stronger coffee)\b/,
    marks: ['shot', 'espresso', 'double', 'ristretto'],
    unlike: ['decaf', 'decaffeinated', 'caffeine-free'],
  },
  {
    asks: new RegExp(
      String.raw`\b(hotter|spicier|more (heat|spice|spicy|fire)|extra (spicy|spice|heat)` +
        String.raw`|spice it up|how hot|how spicy|kick it up)\b`,
    ),
    marks: [
      'chili',
      'chilli',
      'chile',
      'chilies',
      'chillies',
      'spice',
      'spicy',
      'pepper',
      'jalapeno',
      'sriracha',
      'harissa',
    ],
    unlike: ['mild', 'instead of the chili', 'instead of chili', 'no chili'],
  },
  {
    asks: /\b(milder|less (spicy|spice|heat|hot)|not (too |so )?(spicy|hot)|no (spice|heat))\b/,
    marks: ['mild', 'spice level', 'heat level'],
  },
  {
    asks: /\b(sweeter|more sweet|sweeten)\b/,
    marks: ['syrup', 'sugar', 'honey', 'sweetener', 'caramel', 'vanilla'],
  },
]

const markStems = (mark: string) => words(mark).map(stem).join(' ')

/** The indexes of the options that do what the question asks for, or null when it asks for no known effect. */
export function optionsByEffect(
  query: string,
  options: { name: string; description: string | null }[],
): number[] | null {
  const text = words(query).join(' ')
  const effects = EFFECTS.filter((effect) => effect.asks.test(text))
  if (effects.length === 0) return null
  const matching = options
    .map((option, index) => ({
      index,
      name: ` ${words(option.name).map(stem).join(' ')} `,
      text: ` ${words(`${option.name} ${option.description ?? ''}`)
        .map(stem)
        .join(' ')} `,
    }))
    .filter((option) => {
      const has = (mark: string) => option.text.includes(` ${markStems(mark)} `)
      // An opposite word counts in the option's name ("Mild Sauce"); in a description only as a
      // phrase, since "mild, medium or hot" describes a spice level that also goes hotter.
      const opposite = (mark: string) => (mark.includes(' ') ? has(mark) : option.name.includes(` ${markStems(mark)} `))
      return effects.some((effect) => effect.marks.some(has) && !(effect.unlike ?? []).some(opposite))
    })
    .map((option) => option.index)
  return matching
}
