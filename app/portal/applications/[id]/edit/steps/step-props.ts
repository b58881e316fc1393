import type { ApplicationFormOptions } from '@/lib/server/applications/get-application-form-options';

export interface StepProps {
  options: ApplicationFormOptions;
  profile: { realName: string; idNumberMasked: string | null };
  /** The reviewer's note when a field was returned for supplement, else undefined. */
  highlight: (field: string) => string | undefined;
}
