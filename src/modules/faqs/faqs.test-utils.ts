// A small restaurant with FAQs and special dates, written for these tests (no shared fixtures).

export const HARBOR_NUMBER = '+12065550141'

export const harborBundle = {
  name: 'Harbor Grill',
  timezone: 'America/Los_Angeles',
  phone_numbers: [HARBOR_NUMBER],
  menu_items: [
    { name: 'Grilled Salmon', description: 'Wild salmon with lemon butter', price: 29, category: 'Mains' },
    { name: 'Clam Chowder', description: 'New England style', price: 11, category: 'Starters' },
    { name: 'Fish Tacos', price: 16, category: 'Mains' },
  ],
  modifiers: [{ name: 'Extra lemon butter', price: 1.5 }],
  operating_hours: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => ({
    day_of_week: day,
    open_time: '11:00',
    close_time: '22:00',
  })),
  delivery_zones: [{ zone_name: 'Ballard', delivery_fee: 4, postal_codes: ['98107'] }],
  faqs: [
    {
      question: 'Is there parking?',
      answer: 'Yes, there is a free parking garage behind the restaurant on Shilshole Avenue.',
    },
    {
      question: 'Can I bring my own wine?',
      answer: 'You can bring your own wine; corkage is 20 dollars per bottle.',
    },
    {
      question: 'Is the restaurant wheelchair accessible?',
      answer: 'Yes, the entrance has a ramp and the restrooms are accessible.',
    },
    {
      question: 'Which payment methods do you accept?',
      answer: 'We take all major credit cards and Apple Pay, no cash.',
    },
  ],
  special_dates: [
    { date: '2026-12-24', name: 'Christmas Eve', open_time: '11:00', close_time: '15:00' },
    { date: '2026-12-25', name: 'Christmas Day', is_closed: true },
  ],
  settings: {
    tax_rate: 0.101,
    transfer_number: '+12065550100',
    sms_confirmations: true,
    ordering: { enabled: true, pickup_lead_minutes: 20 },
    reservations: { enabled: true, max_party_size: 8, seats_per_slot: 20, slot_minutes: 30 },
    order_webhook: { url: 'https://hooks.example.com/orders', secret: 'whsec-harbor-0123456789' },
  },
}
