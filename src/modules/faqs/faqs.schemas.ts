import { Type } from 'typebox'
import { FaqInput } from '../restaurants/restaurants.schemas.ts'

export const FaqParams = Type.Object({ id: Type.String({ format: 'uuid' }), faqId: Type.String({ format: 'uuid' }) })

export const CreateFaqBody = Type.Object(
  {
    question: Type.Optional(FaqInput.properties.question),
    answer: FaqInput.properties.answer,
    from_unanswered: Type.Optional(
      Type.String({
        format: 'uuid',
        description:
          "An unanswered question's id from the insights: this FAQ answers it and it leaves the open list; " +
          'question defaults to its first wording',
      }),
    ),
  },
  { additionalProperties: false },
)

export const FaqSchema = Type.Object({
  id: Type.String(),
  question: Type.String(),
  answer: Type.String(),
  created_at: Type.String(),
  updated_at: Type.String(),
})
