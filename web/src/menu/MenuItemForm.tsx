import { Radio, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import { FormActions, MoneyInput, SaveError } from '../shared/FormParts.tsx'
import type { MenuItem, MenuItemInput } from './menu.queries.ts'
import { formatBackAt, toLocalInputValue, zonedTimeToUtc } from './sold-out.ts'

type Props = {
  item?: MenuItem
  categories: string[]
  saving: boolean
  error?: Error | null
  onSave: (body: MenuItemInput) => void
  onDelete?: () => void
  deleting?: boolean
  /** The restaurant's time zone: "back at" times are its wall clock. */
  timeZone: string
  /** The restaurant's ISO 4217 currency, the price's. */
  currency: string
  /** When "sold out tonight" ends (ISO): the first opening after today; unknown without hours. */
  tonightUntil?: string
}

type ComesBack = 'tonight' | 'at' | 'manual'

/** One item's edit form. The labels Name, Price, Available and the Save button are the contract's. */
export function MenuItemForm(props: Props) {
  const { item, categories, saving, error, onSave, onDelete, deleting, timeZone, currency, tonightUntil } = props
  const [name, setName] = useState(item?.name ?? '')
  const [price, setPrice] = useState<number | string>(item?.price ?? '')
  const [description, setDescription] = useState(item?.description ?? '')
  const [category, setCategory] = useState(item?.category ?? '')
  const [available, setAvailable] = useState(item?.available ?? true)
  const [dietary, setDietary] = useState<string[]>(item?.dietary ?? [])
  const [allergens, setAllergens] = useState<string[]>(item?.allergens ?? [])
  const [comesBack, setComesBack] = useState<ComesBack>(item?.available_again_at ? 'at' : 'manual')
  const [backAt, setBackAt] = useState(
    toLocalInputValue(item?.available_again_at ?? tonightUntil ?? new Date().toISOString(), timeZone),
  )
  const switchAvailable = (on: boolean) => {
    setAvailable(on)
    // Switching an item off between services usually means until the next opening.
    if (!on && !item?.available_again_at && tonightUntil) setComesBack('tonight')
  }
  const availableAgainAt = () => {
    if (available || comesBack === 'manual') return null
    if (comesBack === 'tonight') return tonightUntil ?? null
    const [date, time] = backAt.split('T')
    return zonedTimeToUtc(date, time.slice(0, 5), timeZone).toISOString()
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      name: name.trim(),
      price: Number(price),
      description: description.trim() || null,
      category: category.trim() || null,
      available,
      available_again_at: availableAgainAt(),
      dietary,
      allergens,
    })
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        <SaveError error={error} />
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <MoneyInput label="Price" currency={currency} required value={price} onChange={setPrice} />
        <Switch
          label="Available"
          description="Off: the assistant tells the next caller it is not available"
          checked={available}
          onChange={(e) => switchAvailable(e.currentTarget.checked)}
        />
        {!available && (
          <Radio.Group label="Comes back" value={comesBack} onChange={(value) => setComesBack(value as ComesBack)}>
            <Stack gap={6} mt={4}>
              {tonightUntil && (
                <Radio value="tonight" label={`Sold out tonight: back ${formatBackAt(tonightUntil, timeZone)}`} />
              )}
              <Radio value="at" label="At a date and time" />
              {comesBack === 'at' && (
                <TextInput
                  label="Back at"
                  description="The restaurant's local time"
                  type="datetime-local"
                  required
                  value={backAt}
                  onChange={(e) => setBackAt(e.currentTarget.value)}
                />
              )}
              <Radio value="manual" label="When I switch it back on" />
            </Stack>
          </Radio.Group>
        )}
        <Textarea
          label="Description"
          autosize
          minRows={2}
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
        <TextInput
          label="Category"
          list="menu-categories"
          value={category}
          onChange={(e) => setCategory(e.currentTarget.value)}
        />
        <datalist id="menu-categories">
          {categories.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <TagsInput label="Dietary tags" placeholder="vegetarian, vegan…" value={dietary} onChange={setDietary} />
        <TagsInput label="Allergens" placeholder="nuts, gluten…" value={allergens} onChange={setAllergens} />
        <FormActions saving={saving} deleteLabel="Delete item" onDelete={onDelete} deleting={deleting} />
      </Stack>
    </form>
  )
}
