import { csvDocument } from './summary-csv';

/**
 * A CSV to fill in for "Create users from CSV": the headers the importer reads (csv-import.ts
 * knows both languages), and two example rows showing `|` between groups and `key=value` tags.
 * UTF-8 with BOM, so Excel on Korean Windows shows Hangul.
 */
export function csvTemplate(language: 'ko' | 'en'): string {
  const header = language === 'ko' ? ['사용자', '이메일', '그룹', '태그'] : ['userName', 'email', 'groups', 'tags'];
  return csvDocument(header, [
    ['kim.minji', 'minji.kim@example.com', 'developers|ops', 'team=platform|cost=1234'],
    ['lee.seoyeon', 'seoyeon.lee@example.com', 'developers', 'team=data'],
  ]);
}
