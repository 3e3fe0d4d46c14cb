mod admin;
mod audit;
mod login;
mod visibility;
