/** Why an eligibility answer is "no": a machine code plus Chinese text for the applicant. */
export interface Reason<C extends string = string> {
  code: C;
  message: string;
}

export const reason = <C extends string>(code: C, message: string): Reason<C> => ({ code, message });
