// A choice that shows the page again with it (a GET form, so the address can be kept): a
// reporting year, a period to look back over. Works the same with and without JavaScript.
import { Form } from "@remix-run/react";

export function ChooseAndShow(props: {
  /** The address's parameter, e.g. "year". */
  name: string;
  label: string;
  hint?: string;
  value: string;
  options: readonly { value: string; label: string }[];
  /** The button's words, e.g. "Show". */
  submit: string;
  className?: string;
  /** The address's other parameters, kept as they are (the other choices on the page). */
  keep?: Readonly<Record<string, string>>;
}) {
  const id = `field-${props.name}`;
  return (
    <Form method="get" className={props.className}>
      {Object.entries(props.keep ?? {}).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="form-group">
        <label className="label" htmlFor={id}>
          {props.label}
        </label>
        {props.hint ? (
          <p id={`${id}-hint`} className="hint">
            {props.hint}
          </p>
        ) : null}
        <select
          id={id}
          name={props.name}
          className="input input--medium"
          defaultValue={props.value}
          aria-describedby={props.hint ? `${id}-hint` : undefined}
        >
          {props.options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        {props.submit}
      </button>
    </Form>
  );
}
