// A small language for the shape of a data file: what the policy-test format is written in, so that
// one description gives the checks of a file (check-shape.ts), the JSON Schema editors complete from
// (json-schema.ts) and the TypeScript types of what a checked file holds (`Infer`).

/** A string, optionally matching a pattern (`hint` says what the pattern means, in messages). */
export interface TextShape {
  readonly kind: 'text';
  readonly description: string;
  readonly pattern?: string;
  readonly hint?: string;
  /**
   * The values an editor offers (the JSON Schema's `enum`). The runner does not refuse others here:
   * what names a permission or a role is checked against the world and the policy, with a better message.
   */
  readonly known?: readonly string[];
}

/** One of a few strings. */
export interface ChoiceShape<C extends string = string> {
  readonly kind: 'choice';
  readonly description: string;
  readonly choices: readonly C[];
}

/** True or false. */
export interface FlagShape {
  readonly kind: 'flag';
  readonly description: string;
}

/** A list of values of one shape. */
export interface ListShape<S extends Shape = Shape> {
  readonly kind: 'list';
  readonly description: string;
  readonly items: S;
}

/** A map whose keys are names the file chooses (logins, role names), each to a value of one shape. */
export interface MapShape<S extends Shape = Shape> {
  readonly kind: 'map';
  readonly description: string;
  /** What a key is, in messages ("a login"). */
  readonly keys: string;
  readonly keyPattern?: string;
  readonly values: S;
}

/** A record's fields, by key. */
export type Fields = { readonly [key: string]: Shape };

/** An object with known keys: any other key is refused. */
export interface RecordShape<F extends Fields = Fields, R extends readonly (keyof F & string)[] = readonly (keyof F & string)[]> {
  readonly kind: 'record';
  /** What it is, in messages ("a check"). */
  readonly noun: string;
  readonly description: string;
  readonly fields: F;
  readonly required: R;
  /** Exactly one of its fields is given (an expectation is one check, who, list or query). */
  readonly exactlyOne?: boolean;
}

/** A value of a shape, or null. */
export interface NullableShape<S extends Shape = Shape> {
  readonly kind: 'nullable';
  readonly inner: S;
}

/** Anything (GraphQL variables and data). */
export interface AnyShape {
  readonly kind: 'any';
  readonly description: string;
}

/** The shape of a value. */
export type Shape = TextShape | ChoiceShape | FlagShape | ListShape | MapShape | RecordShape | NullableShape | AnyShape;

/** The TypeScript type of a value of shape `S`, once checked (read from its `kind`, which is cheap for the compiler). */
export type Infer<S> = S extends { readonly kind: 'text' }
  ? string
  : S extends { readonly kind: 'choice'; readonly choices: readonly (infer C)[] }
    ? C
    : S extends { readonly kind: 'flag' }
      ? boolean
      : S extends { readonly kind: 'list'; readonly items: infer I }
        ? readonly Infer<I>[]
        : S extends { readonly kind: 'map'; readonly values: infer V }
          ? { readonly [key: string]: Infer<V> }
          : S extends { readonly kind: 'nullable'; readonly inner: infer I }
            ? Infer<I> | null
            : S extends { readonly kind: 'record'; readonly fields: infer F; readonly required: readonly (infer R)[] }
              ? RecordOf<F, R>
              : unknown;

/** A record's type: its required keys, then the others optional. */
type RecordOf<F, R> = { readonly [K in keyof F as K extends R ? K : never]: Infer<F[K]> } & {
  readonly [K in keyof F as K extends R ? never : K]?: Infer<F[K]>;
};

/** Builders, so the format reads as a table of fields. */
export const shape = {
  text: (
    description: string,
    options: { readonly pattern?: string; readonly hint?: string; readonly known?: readonly string[] } = {},
  ): TextShape => ({
    kind: 'text',
    description,
    ...options,
  }),
  choice: <const C extends string>(description: string, choices: readonly C[]): ChoiceShape<C> => ({
    kind: 'choice',
    description,
    choices,
  }),
  flag: (description: string): FlagShape => ({ kind: 'flag', description }),
  list: <S extends Shape>(description: string, items: S): ListShape<S> => ({ kind: 'list', description, items }),
  map: <S extends Shape>(description: string, keys: string, values: S, keyPattern?: string): MapShape<S> => ({
    kind: 'map',
    description,
    keys,
    values,
    ...(keyPattern ? { keyPattern } : {}),
  }),
  record: <const F extends Fields, const R extends readonly (keyof F & string)[] = []>(
    noun: string,
    description: string,
    fields: F,
    required?: R,
    exactlyOne = false,
  ): RecordShape<F, NoInfer<R>> => ({
    kind: 'record',
    noun,
    description,
    fields,
    required: required ?? ([] as unknown as R),
    ...(exactlyOne ? { exactlyOne } : {}),
  }),
  nullable: <S extends Shape>(inner: S): NullableShape<S> => ({ kind: 'nullable', inner }),
  any: (description: string): AnyShape => ({ kind: 'any', description }),
};
