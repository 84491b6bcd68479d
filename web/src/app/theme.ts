import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  type VariantColorsResolver,
} from '@mantine/core'

// Darker shades than Mantine's defaults so that white-on-color buttons and "dimmed" text meet
// WCAG AA contrast (axe-core checks every page).
// Light badges and buttons: text in the darkest shade of their color, readable on the tinted background.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input)
  const color = input.color ?? input.theme.primaryColor
  if (input.variant !== 'light' || !/^[a-z]+$/.test(color)) return colors
  // Even the darkest green or orange is under 4.5:1 on its own tint; the tint alone carries the color.
  if (color !== input.theme.primaryColor) return { ...colors, color: 'var(--mantine-color-black)' }
  return { ...colors, color: `var(--mantine-color-${color}-9)` }
}

export const theme = createTheme({
  variantColorResolver,
  primaryColor: 'blue',
  primaryShade: 8,
  defaultRadius: 'md',
  // No visual asterisk after required labels: tests and some assistive tools read a label's text
  // ("Name *"), and the contract fixes the names; the fields stay `required`.
  components: {
    TextInput: { defaultProps: { withAsterisk: false } },
    NumberInput: { defaultProps: { withAsterisk: false } },
    Textarea: { defaultProps: { withAsterisk: false } },
    PasswordInput: { defaultProps: { withAsterisk: false } },
    // Mantine's close button is an icon alone: without a name axe reports it (critical button-name).
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif',
})

// The primary colour's light variant (the current page's navigation link, light buttons) has its
// darkest shade as text: on Mantine's default tints (shade 1, shade 2 under the pointer) that is
// 4.9:1 at rest but 4.0:1 hovered. One shade lighter each keeps 5.5:1 at rest and 4.9:1 hovered.
export const cssVariablesResolver: CSSVariablesResolver = (t) => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': t.colors.gray[7],
    [`--mantine-color-${t.primaryColor}-light`]: t.colors[t.primaryColor]![0],
    [`--mantine-color-${t.primaryColor}-light-hover`]: t.colors[t.primaryColor]![1],
  },
  dark: {},
})
