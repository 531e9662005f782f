import type { ReactElement } from "react";

/** One radio button per choice, each inside its label (Settings' choice rows). */
export function RadioChoices<T extends string>({
  name,
  choices,
  value,
  label,
  testId,
  onChoose,
}: {
  name: string;
  choices: readonly T[];
  value: T;
  label: (choice: T) => string;
  testId: (choice: T) => string;
  onChoose: (choice: T) => void;
}): ReactElement {
  return (
    <>
      {choices.map((c) => (
        <label key={c}>
          <input
            type="radio"
            name={name}
            value={c}
            checked={value === c}
            onChange={() => {
              onChoose(c);
            }}
            data-testid={testId(c)}
          />
          {label(c)}
        </label>
      ))}
    </>
  );
}
