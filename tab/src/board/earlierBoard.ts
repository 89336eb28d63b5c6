import type { BoardRef } from '@candor/contract';
import { createContext } from 'react';

// Its own module, apart from the note's wording: BoardScreen is in the side panel's first download, the wording is not.
/**
 * Opens an earlier occurrence's board in place of this one (BoardScreen provides it); null where no surface can,
 * and Last time then only says the recap is missing.
 */
export const OpenEarlierBoard = createContext<((ref: BoardRef) => void) | null>(null);
