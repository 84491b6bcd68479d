import { Alert, Button, Group, NumberInput, Stack, Switch, TagsInput, Textarea, TextInput } from '@mantine/core'
import { type FormEvent, useState } from 'react'
import type { MenuItem, MenuItemInput } from './menu.queries.ts'

type Props = {
  item?: MenuItem
  categories: string[]
  saving: boolean
  error?: Error | null
  onSave: (body: MenuItemInput) => void
  onDelete?: () => void
  deleting?: boolean
}

/** One item's edit form. The labels Name, Price, Available and the Save button are the contract's. */
export function MenuItemForm({ item, categories, saving, error, onSave, onDelete, deleting }: Props) {
  const [name, setName] = useState(item?.name ?? '')
  const [price, setPrice] = useState<number | string>(item?.price ?? '')
  const [description, setDescription] = useState(item?.description ?? '')
  const [category, setCategory] = useState(item?.category ?? '')
  const [available, setAvailable] = useState(item?.available ?? true)
  const [dietary, setDietary] = useState<string[]>(item?.dietary ?? [])
  const [allergens, setAllergens] = useState<string[]>(item?.allergens ?? [])
  const [confirmDelete, setConfirmDelete] = useState(false)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    onSave({
      name: name.trim(),
      price: typeof price === 'number' ? price : Number(price),
      description: description.trim() || null,
      category: category.trim() || null,
      available,
      dietary,
      allergens,
    })
  }

  return (
    <form onSubmit={submit}>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert" title="Not saved">
            {error.message}
          </Alert>
        )}
        <TextInput label="Name" required value={name} onChange={(e) => setName(e.currentTarget.value)} />
        <NumberInput
          label="Price"
          required
          min={0}
          decimalScale={2}
          leftSection="$"
          value={price}
          onChange={setPrice}
          inputMode="decimal"
        />
        <Switch
          label="Available"
          description="Off: the assistant tells the next caller it is not available"
          checked={available}
          onChange={(e) => setAvailable(e.currentTarget.checked)}
        />
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
        <Group justify="space-between" mt="sm">
          {onDelete ? (
            confirmDelete ? (
              <Button color="red" onClick={onDelete} loading={deleting}>
                Delete for good
              </Button>
            ) : (
              <Button variant="subtle" color="red" onClick={() => setConfirmDelete(true)}>
                Delete item
              </Button>
            )
          ) : (
            <span />
          )}
          <Button type="submit" loading={saving}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
