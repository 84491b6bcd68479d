import { Alert, Button, FileButton, Group, List, Modal, Stack, Text } from '@mantine/core'
import { useMutation, useQueryClient } from '@tanstack/react-query'
import { useState } from 'react'
import type { paths } from '../api/client.ts'
import { api, unwrap } from '../api/client.ts'
import { restaurantKey, useRestaurant } from '../restaurants/restaurant.queries.ts'
import { menuKey } from './menu.queries.ts'
import { menuItemsFromCsv } from './menu-csv.ts'
import { modifiersKey } from './modifiers.queries.ts'

type Bundle = NonNullable<paths['/api/restaurants/{id}']['put']['requestBody']>['content']['application/json']
type MenuSections = Pick<Bundle, 'menu_items' | 'modifiers'>

/**
 * The menu sections of a bundle file (or a bare array of items), or the items of a spreadsheet's
 * CSV export. Only these are sent: the PUT keeps
 * every section it does not carry (hours, zones, questions…).
 */
function menuSectionsOf(text: string, fileName: string): MenuSections {
  if (/\.csv$/i.test(fileName)) return { menu_items: menuItemsFromCsv(text) }
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch {
    throw new Error('This file is neither JSON nor CSV. Export a bundle or a spreadsheet (CSV) with Name and Price.')
  }
  if (Array.isArray(parsed)) return { menu_items: parsed as Bundle['menu_items'] }
  const bundle = parsed as Partial<Bundle> | null
  if (!bundle || !Array.isArray(bundle.menu_items)) throw new Error('This file has no "menu_items" list.')
  return { menu_items: bundle.menu_items, ...(Array.isArray(bundle.modifiers) ? { modifiers: bundle.modifiers } : {}) }
}

/** "Import menu": read a bundle file, say what it replaces, and replace only after a confirmation. */
export function MenuImport({ restaurantId, currentItems }: { restaurantId: string; currentItems: number }) {
  const restaurant = useRestaurant(restaurantId)
  const queryClient = useQueryClient()
  const [pending, setPending] = useState<{ file: string; sections: MenuSections } | null>(null)
  const [readError, setReadError] = useState<string | null>(null)
  const replace = useMutation({
    mutationFn: (sections: MenuSections) => {
      const current = restaurant.data!
      return unwrap(
        api.PUT('/api/restaurants/{id}', {
          params: { path: { id: restaurantId } },
          body: { name: current.name, timezone: current.timezone, ...sections },
        }),
      )
    },
    onSuccess: () =>
      Promise.all(
        [menuKey(restaurantId), modifiersKey(restaurantId), restaurantKey(restaurantId)].map((queryKey) =>
          queryClient.invalidateQueries({ queryKey }),
        ),
      ).then(() => setPending(null)),
  })
  const read = async (file: File | null) => {
    if (!file) return
    setReadError(null)
    replace.reset()
    try {
      setPending({ file: file.name, sections: menuSectionsOf(await file.text(), file.name) })
    } catch (error) {
      setReadError((error as Error).message)
    }
  }
  const items = pending?.sections.menu_items?.length ?? 0
  const modifiers = pending?.sections.modifiers?.length
  return (
    <>
      <FileButton onChange={read} accept="application/json,.json,text/csv,.csv">
        {(props) => (
          <Button {...props} variant="default" disabled={!restaurant.data}>
            Import menu
          </Button>
        )}
      </FileButton>
      {readError && (
        <Alert color="red" role="alert" title="Not imported" withCloseButton onClose={() => setReadError(null)}>
          {readError}
        </Alert>
      )}
      <Modal opened={pending !== null} onClose={() => setPending(null)} title="Replace the whole menu?">
        {pending && (
          <Stack gap="sm">
            {replace.error && (
              <Alert color="red" role="alert" title="Not imported">
                {replace.error.message}
              </Alert>
            )}
            <Text>{`${pending.file} replaces the menu callers hear:`}</Text>
            <List size="sm">
              <List.Item>{`${currentItems} dishes now → ${items} from the file`}</List.Item>
              {modifiers !== undefined && <List.Item>{`options and extras → ${modifiers} from the file`}</List.Item>}
            </List>
            <Text size="sm" c="dimmed">
              Hours, delivery zones and questions stay as they are.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setPending(null)}>
                Cancel
              </Button>
              <Button color="red" loading={replace.isPending} onClick={() => replace.mutate(pending.sections)}>
                Replace menu
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  )
}
