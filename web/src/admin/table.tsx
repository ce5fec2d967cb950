import type { ComponentChildren, JSX } from 'preact';
import { Link } from '../ui.js';

/** The list tables of the administration pages: one scrolling frame, a caption for screen readers, a last column of actions. */

interface TableProps {
  /** Read by screen readers only: what the rows are. */
  readonly caption: string;
  /** The visible column headings; an "Actions" column (its heading hidden) follows them. */
  readonly columns: readonly string[];
  /** The table's body or bodies. */
  readonly children: ComponentChildren;
}

/** A horizontally scrolling admin table with its header row. */
export function AdminTable({ caption, columns, children }: TableProps): JSX.Element {
  return (
    <div class="table-scroll">
      <table class="admin-table">
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
            <th scope="col">
              <span class="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

/** The "Edit" link of a row that opens its editor beside the list; marked current while that editor is open. */
export function EditLink({ href, label, current }: { readonly href: string; readonly label: string; readonly current: boolean }): JSX.Element {
  return (
    <Link href={href} aria-label={label} aria-current={current ? 'true' : undefined}>
      Edit
    </Link>
  );
}
