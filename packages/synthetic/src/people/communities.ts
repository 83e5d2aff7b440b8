/**
 * Names and languages of the borough's communities. Weights are rough shares
 * of residents; they make the mix look like inner north London, not a census.
 * Family names written `male|female` take the form that matches the person.
 */
import type { Weighted } from '../random.js';

export interface Language {
  readonly code: string;
  readonly display: string;
}

export interface Community {
  readonly key: string;
  /** The community language, when it is not English. */
  readonly language?: Language;
  readonly male: readonly string[];
  readonly female: readonly string[];
  readonly family: readonly string[];
  /** Preferred (usual) names some people go by. */
  readonly preferred?: Readonly<Record<string, string>>;
  /** Everyday English names some people use as their preferred name. */
  readonly adoptedNames?: { readonly male: readonly string[]; readonly female: readonly string[] };
}

export const ENGLISH: Language = { code: 'en', display: 'English' };

const english: Community = {
  key: 'english',
  male: [
    'James',
    'Oliver',
    'George',
    'Harry',
    'Thomas',
    'William',
    'Jack',
    'Daniel',
    'Samuel',
    'Robert',
    'Peter',
    'David',
    'Michael',
    'Christopher',
    'Alfie',
    'Leo',
    'Arthur',
    'Edward',
    'Stephen',
    'Richard',
  ],
  female: [
    'Olivia',
    'Amelia',
    'Isla',
    'Emily',
    'Sophie',
    'Charlotte',
    'Lucy',
    'Grace',
    'Margaret',
    'Elizabeth',
    'Susan',
    'Jennifer',
    'Hannah',
    'Ruby',
    'Florence',
    'Joan',
    'Patricia',
    'Rebecca',
    'Victoria',
    'Eleanor',
  ],
  family: [
    'Smith',
    'Jones',
    'Taylor',
    'Brown',
    'Wilson',
    'Evans',
    'Thomas',
    'Roberts',
    'Walker',
    'Wright',
    'Green',
    'Hall',
    'Wood',
    'Harris',
    'Clarke',
    'Turner',
    'Hughes',
    'Cooper',
    'Barker',
    'Marsh',
    'Fletcher',
    'Lloyd',
    'Pearce',
    'Holloway',
  ],
  preferred: {
    Robert: 'Bob',
    Elizabeth: 'Liz',
    Margaret: 'Peggy',
    William: 'Bill',
    Edward: 'Ted',
    Christopher: 'Chris',
    Michael: 'Mick',
    Patricia: 'Pat',
    Jennifer: 'Jen',
    Thomas: 'Tom',
    Samuel: 'Sam',
    Daniel: 'Dan',
    Victoria: 'Vicky',
    Eleanor: 'Ellie',
    Richard: 'Rich',
  },
};

const irish: Community = {
  key: 'irish',
  male: ['Patrick', 'Sean', 'Michael', 'Declan', 'Ciaran', 'Eoin', 'Niall', 'Padraig', 'Conor', 'Aidan', 'Cormac', 'Brendan'],
  female: ['Siobhan', 'Aoife', 'Niamh', 'Bridget', 'Mary', 'Roisin', 'Ciara', 'Orla', 'Maeve', 'Sinead', 'Kathleen', 'Nuala'],
  family: [
    'Byrne',
    'Murphy',
    'Kelly',
    "O'Brien",
    'Walsh',
    'Ryan',
    "O'Connor",
    'Doyle',
    'McCarthy',
    'Gallagher',
    'Brennan',
    'Quinn',
    'Nolan',
    'Flanagan',
  ],
  preferred: { Patrick: 'Paddy', Bridget: 'Bridie', Kathleen: 'Kathy', Michael: 'Mick', Padraig: 'Paudie' },
};

const turkish: Community = {
  key: 'turkish',
  language: { code: 'tr', display: 'Turkish' },
  male: ['Mehmet', 'Mustafa', 'Ahmet', 'Ali', 'Hasan', 'Hüseyin', 'Emre', 'Burak', 'Kemal', 'Osman', 'Yusuf', 'Can'],
  female: ['Hatice', 'Fatma', 'Ayşe', 'Emine', 'Zeynep', 'Elif', 'Selin', 'Merve', 'Esra', 'Sevgi', 'Leyla', 'Gül'],
  family: [
    'Yılmaz',
    'Kaya',
    'Demir',
    'Şahin',
    'Çelik',
    'Yıldız',
    'Öztürk',
    'Aydın',
    'Arslan',
    'Doğan',
    'Kılıç',
    'Aslan',
    'Polat',
    'Korkmaz',
  ],
  preferred: { Hatice: 'Hattie', Hüseyin: 'Huss', Mustafa: 'Musti' },
};

const kurdish: Community = {
  key: 'kurdish',
  language: { code: 'ku', display: 'Kurdish' },
  male: ['Azad', 'Rebwar', 'Serhat', 'Dilshad', 'Baran', 'Hejar', 'Rojhat', 'Zana', 'Shwan', 'Aram'],
  female: ['Rojda', 'Berfin', 'Nazdar', 'Shilan', 'Zozan', 'Dilan', 'Avin', 'Helin', 'Rezan', 'Gulistan'],
  family: ['Karim', 'Aziz', 'Rashid', 'Salih', 'Amin', 'Baban', 'Qadir', 'Tahir', 'Ekinci', 'Tekin', 'Acar', 'Zeki'],
};

const somali: Community = {
  key: 'somali',
  language: { code: 'so', display: 'Somali' },
  male: ['Abdi', 'Mohamed', 'Ahmed', 'Abdirahman', 'Hassan', 'Yusuf', 'Omar', 'Ismail', 'Liban', 'Mahad', 'Guled'],
  female: ['Amina', 'Hodan', 'Fadumo', 'Hibo', 'Sahra', 'Asha', 'Ifrah', 'Nimco', 'Khadra', 'Ubah', 'Ayan', 'Deqa'],
  family: ['Hassan', 'Ali', 'Mohamed', 'Farah', 'Abdi', 'Warsame', 'Jama', 'Aden', 'Osman', 'Nur', 'Hersi', 'Egal', 'Abdullahi', 'Ismail'],
};

const bangladeshi: Community = {
  key: 'bangladeshi',
  language: { code: 'bn', display: 'Bengali' },
  male: ['Abdul', 'Mohammed', 'Rahim', 'Shahid', 'Jamal', 'Faruk', 'Habib', 'Nazrul', 'Rafiq', 'Imran', 'Tanvir', 'Arif'],
  female: ['Fatema', 'Rahima', 'Nasima', 'Shirin', 'Roksana', 'Taslima', 'Farzana', 'Sultana', 'Anika', 'Nusrat', 'Jesmin', 'Shahana'],
  family: ['Miah|Begum', 'Uddin', 'Rahman', 'Islam', 'Ahmed|Begum', 'Hussain', 'Chowdhury', 'Ali|Khatun', 'Hoque', 'Karim', 'Khan', 'Miah'],
};

const caribbean: Community = {
  key: 'caribbean',
  male: ['Delroy', 'Winston', 'Marcus', 'Leon', 'Tyrone', 'Errol', 'Dwayne', 'Clive', 'Andre', 'Lloyd', 'Neville', 'Courtney'],
  female: [
    'Marcia',
    'Beverley',
    'Claudette',
    'Yvonne',
    'Sharon',
    'Jasmine',
    'Tanisha',
    'Hyacinth',
    'Paulette',
    'Monique',
    'Gloria',
    'Jada',
  ],
  family: [
    'Campbell',
    'Williams',
    'Brown',
    'Francis',
    'Thompson',
    'Grant',
    'Samuels',
    'Edwards',
    'Clarke',
    'Bailey',
    'Reid',
    'Gordon',
    'Stewart',
    'McKenzie',
  ],
  preferred: { Beverley: 'Bev', Winston: 'Winnie', Paulette: 'Paula' },
};

const ghanaian: Community = {
  key: 'ghanaian',
  language: { code: 'tw', display: 'Twi' },
  male: ['Kwame', 'Kofi', 'Kwabena', 'Yaw', 'Kojo', 'Kwesi', 'Nana', 'Emmanuel', 'Isaac', 'Samuel', 'Ebo'],
  female: ['Ama', 'Akosua', 'Abena', 'Efua', 'Adjoa', 'Yaa', 'Esi', 'Afua', 'Grace', 'Comfort', 'Adwoa'],
  family: ['Mensah', 'Owusu', 'Boateng', 'Asante', 'Osei', 'Agyeman', 'Appiah', 'Darko', 'Ofori', 'Amoah', 'Adjei', 'Badu'],
};

const nigerian: Community = {
  key: 'nigerian',
  language: { code: 'yo', display: 'Yoruba' },
  male: ['Oluwaseun', 'Chukwuemeka', 'Adebayo', 'Tunde', 'Emeka', 'Chinedu', 'Femi', 'Olumide', 'Babatunde', 'Ikenna', 'Samuel'],
  female: ['Adaeze', 'Ngozi', 'Folasade', 'Chiamaka', 'Funmilayo', 'Oluwakemi', 'Bisi', 'Ifeoma', 'Yetunde', 'Chioma', 'Titilayo'],
  family: ['Okafor', 'Adeyemi', 'Okoro', 'Oladipo', 'Eze', 'Balogun', 'Nwosu', 'Adebayo', 'Ogunleye', 'Okonkwo', 'Obi', 'Afolabi'],
  preferred: {
    Oluwaseun: 'Seun',
    Chukwuemeka: 'Emeka',
    Babatunde: 'Tunde',
    Oluwakemi: 'Kemi',
    Folasade: 'Sade',
    Funmilayo: 'Funmi',
    Olumide: 'Mide',
    Titilayo: 'Titi',
  },
};

const greekCypriot: Community = {
  key: 'greek-cypriot',
  language: { code: 'el', display: 'Greek' },
  male: ['Andreas', 'Georgios', 'Costas', 'Christos', 'Nikos', 'Panayiotis', 'Michalis', 'Demetris', 'Savvas', 'Stelios'],
  female: ['Maria', 'Eleni', 'Androulla', 'Despina', 'Georgia', 'Katerina', 'Sofia', 'Chrystalla', 'Panayiota', 'Anastasia'],
  family: [
    'Georgiou',
    'Christodoulou',
    'Constantinou',
    'Ioannou',
    'Charalambous',
    'Demetriou',
    'Kyriacou',
    'Nicolaou',
    'Papadopoulos',
    'Savva',
    'Antoniou',
  ],
  preferred: { Panayiotis: 'Peter', Georgios: 'George', Chrystalla: 'Chris', Androulla: 'Andri', Michalis: 'Mike' },
};

const polish: Community = {
  key: 'polish',
  language: { code: 'pl', display: 'Polish' },
  male: ['Piotr', 'Krzysztof', 'Tomasz', 'Paweł', 'Marek', 'Michał', 'Jakub', 'Łukasz', 'Kamil', 'Andrzej'],
  female: ['Anna', 'Katarzyna', 'Magdalena', 'Agnieszka', 'Joanna', 'Małgorzata', 'Zofia', 'Natalia', 'Ewa', 'Aleksandra'],
  family: [
    'Nowak|Nowak',
    'Kowalski|Kowalska',
    'Wiśniewski|Wiśniewska',
    'Wójcik|Wójcik',
    'Kamiński|Kamińska',
    'Lewandowski|Lewandowska',
    'Zieliński|Zielińska',
    'Szymański|Szymańska',
    'Dąbrowski|Dąbrowska',
    'Kozłowski|Kozłowska',
  ],
  preferred: { Małgorzata: 'Gosia', Katarzyna: 'Kasia', Aleksandra: 'Ola', Krzysztof: 'Krzys' },
};

const portuguese: Community = {
  key: 'portuguese',
  language: { code: 'pt', display: 'Portuguese' },
  male: ['João', 'José', 'António', 'Manuel', 'Tiago', 'Rui', 'Pedro', 'Ricardo', 'Diogo', 'Francisco', 'Lucas', 'Gabriel'],
  female: ['Maria', 'Ana', 'Catarina', 'Inês', 'Sofia', 'Rita', 'Joana', 'Mariana', 'Fernanda', 'Beatriz', 'Larissa', 'Juliana'],
  family: [
    'Silva',
    'Santos',
    'Ferreira',
    'Pereira',
    'Oliveira',
    'Costa',
    'Rodrigues',
    'Martins',
    'Sousa',
    'Fernandes',
    'Gonçalves',
    'Gomes',
  ],
};

const chinese: Community = {
  key: 'chinese',
  language: { code: 'zh', display: 'Chinese' },
  male: ['Wei', 'Jian', 'Ming', 'Hao', 'Jun', 'Zhi', 'Kwok Wing', 'Chun', 'Yong', 'Tao'],
  female: ['Mei', 'Li', 'Xiu', 'Ying', 'Lan', 'Hui', 'Jing', 'Siu Ling', 'Yan', 'Fang'],
  family: ['Wang', 'Li', 'Zhang', 'Chen', 'Liu', 'Wong', 'Chan', 'Lee', 'Cheung', 'Lam', 'Ng', 'Ho', 'Yip', 'Lau'],
  adoptedNames: { male: ['David', 'Kevin', 'Andy', 'Michael', 'Eric'], female: ['Jenny', 'Grace', 'Helen', 'Winnie', 'Amy'] },
};

const eritrean: Community = {
  key: 'eritrean',
  language: { code: 'ti', display: 'Tigrinya' },
  male: ['Yonas', 'Dawit', 'Tesfay', 'Habtom', 'Mehari', 'Filmon', 'Berhane', 'Robel', 'Yohannes', 'Samuel'],
  female: ['Senait', 'Selam', 'Rahel', 'Freweini', 'Mebrat', 'Luwam', 'Saba', 'Tsega', 'Winta', 'Helen'],
  family: ['Tesfamariam', 'Gebremedhin', 'Haile', 'Tekle', 'Berhe', 'Kidane', 'Woldemichael', 'Ghebreyesus', 'Asmerom', 'Mehari'],
};

const indian: Community = {
  key: 'indian',
  language: { code: 'gu', display: 'Gujarati' },
  male: ['Rajesh', 'Amit', 'Sanjay', 'Vikram', 'Arjun', 'Rohan', 'Anil', 'Deepak', 'Nikhil', 'Suresh'],
  female: ['Priya', 'Anjali', 'Sunita', 'Kavita', 'Meera', 'Neha', 'Pooja', 'Lakshmi', 'Hema', 'Divya'],
  family: ['Patel', 'Shah', 'Sharma', 'Gupta', 'Mehta', 'Desai', 'Joshi', 'Parekh', 'Modi', 'Thakkar'],
};

const albanian: Community = {
  key: 'albanian',
  language: { code: 'sq', display: 'Albanian' },
  male: ['Arben', 'Besnik', 'Driton', 'Ilir', 'Gentian', 'Ermal', 'Fatos', 'Luan'],
  female: ['Arta', 'Blerta', 'Elira', 'Fatjona', 'Mimoza', 'Drita', 'Lule', 'Vjosa'],
  family: ['Hoxha', 'Krasniqi', 'Berisha', 'Gashi', 'Shala', 'Morina', 'Leka', 'Dervishi'],
};

const italian: Community = {
  key: 'italian',
  language: { code: 'it', display: 'Italian' },
  male: ['Marco', 'Giuseppe', 'Luca', 'Alessandro', 'Giovanni', 'Francesco', 'Matteo', 'Paolo'],
  female: ['Giulia', 'Francesca', 'Chiara', 'Sara', 'Lucia', 'Giovanna', 'Elena', 'Paola'],
  family: ['Rossi', 'Russo', 'Ferrari', 'Esposito', 'Bianchi', 'Romano', 'Colombo', 'Ricci', 'Conti', 'De Luca'],
};

const hispanic: Community = {
  key: 'spanish-speaking',
  language: { code: 'es', display: 'Spanish' },
  male: ['Carlos', 'Juan', 'Andrés', 'Alejandro', 'Javier', 'Diego', 'Luis', 'Mateo'],
  female: ['María', 'Carmen', 'Lucía', 'Valentina', 'Isabel', 'Paula', 'Daniela', 'Camila'],
  family: ['García', 'Martínez', 'López', 'Rodríguez', 'Hernández', 'Gómez', 'Sánchez', 'Díaz', 'Ramírez', 'Torres'],
};

const arabic: Community = {
  key: 'arabic-speaking',
  language: { code: 'ar', display: 'Arabic' },
  male: ['Omar', 'Khaled', 'Youssef', 'Karim', 'Samir', 'Rami', 'Tariq', 'Bilal'],
  female: ['Nour', 'Layla', 'Rania', 'Yasmin', 'Salma', 'Hanan', 'Fatima', 'Samira'],
  family: ['Haddad', 'Khoury', 'Mansour', 'Benali', 'El Amrani', 'Bouzid', 'Saleh', 'Nasser', 'Hamdan', 'Darwish'],
};

export const communities: readonly Weighted<Community>[] = [
  [english, 34],
  [irish, 6],
  [turkish, 5],
  [kurdish, 2],
  [somali, 4],
  [bangladeshi, 4],
  [caribbean, 6],
  [ghanaian, 3],
  [nigerian, 4],
  [greekCypriot, 3],
  [polish, 3],
  [portuguese, 4],
  [chinese, 3],
  [eritrean, 2],
  [indian, 3],
  [albanian, 1],
  [italian, 3],
  [hispanic, 3],
  [arabic, 3],
];

/** A family name in the form for this person (`Kowalski` or `Kowalska`). */
export function familyNameFor(family: string, sex: 'male' | 'female'): string {
  const bar = family.indexOf('|');
  if (bar < 0) return family;
  return sex === 'male' ? family.slice(0, bar) : family.slice(bar + 1);
}
