import type { Dependencies } from '#app/context';
import { optional } from '../config.ts';

/** The `cityCode` port: the city whose agencies this system serves (VANTHU_CITY_CODE). */
export const cityCode = (): Dependencies['cityCode'] => optional('VANTHU_CITY_CODE') ?? '000.00.00.H26';
