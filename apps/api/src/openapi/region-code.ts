/** Safety region codes VR01..VR25 as documented in responses (a pattern: clients read a plain string). */
export const REGION_CODE_PATTERN = '^VR(0[1-9]|1[0-9]|2[0-5])$';
