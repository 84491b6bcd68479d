// A short two-tone beep through the Web Audio API when a new order arrives: no sound file to
// download. Browsers only play audio after the page has been interacted with; until then the
// beep is silently skipped (the new order is still highlighted on the page).

let context: AudioContext | undefined

export function beep() {
  try {
    context ??= new AudioContext()
    if (context.state === 'suspended') void context.resume()
    const now = context.currentTime
    for (const [offset, frequency] of [
      [0, 880],
      [0.18, 1320],
    ] as const) {
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0.0001, now + offset)
      gain.gain.exponentialRampToValueAtTime(0.2, now + offset + 0.02)
      gain.gain.exponentialRampToValueAtTime(0.0001, now + offset + 0.15)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(now + offset)
      oscillator.stop(now + offset + 0.16)
    }
    return true
  } catch {
    return false
  }
}
