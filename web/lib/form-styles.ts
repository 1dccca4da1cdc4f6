// Layout shared by the workspace forms.
import { css } from 'lit';

export const formStyles = css`
  :host { display: block; }
  form { display: grid; gap: 16px; }
  fieldset { border: 0; padding: 0; margin: 0; min-width: 0; }
  legend { font-weight: 500; padding: 0; margin-bottom: 4px; }
  .years { display: grid; grid-template-columns: repeat(auto-fit, minmax(110px, 1fr)); gap: 12px; margin-top: 8px; }
  .years input { text-align: right; }
  .actions { display: flex; gap: 12px; flex-wrap: wrap; align-items: center; }
`;
