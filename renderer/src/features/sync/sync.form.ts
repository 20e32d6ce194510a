import { z } from 'zod';

export const signInSchema = z.object({
  url: z
    .string()
    .trim()
    .min(1, 'Enter the server address, e.g. http://192.168.1.20:5984')
    .regex(
      /^https?:\/\/\S+$/,
      'The server address must start with http:// or https://, e.g. http://192.168.1.20:5984',
    ),
  name: z.string().trim().min(1, 'Enter the user name the facilitator gave you').max(200),
  password: z.string().min(1, 'Enter the password').max(500),
});
export type SignInForm = z.infer<typeof signInSchema>;
