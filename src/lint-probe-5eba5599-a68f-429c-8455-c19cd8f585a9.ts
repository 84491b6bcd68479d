async function save(): Promise<void> {}
export async function handler(a: number, b: string) {
  await save()
  return a === Number(b)
}
